using System;
using System.Linq;
using System.Reflection;
using CrmAttention.Model.EarlyBound;
using CrmAttention.Solution.Model;
using CrmAttention.SolutionBuilder.Schema;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Client;
using Xunit;

namespace CrmAttention.SolutionBuilder.Tests
{
    /// <summary>
    /// The compiled early-bound classes (Generated/EarlyBound.g.cs) against the model: one typed property per column
    /// and nothing else, each naming its column, and the class naming its table. The golden check that the file is
    /// current is GeneratedConstantsTests.
    /// </summary>
    public class EarlyBoundTests
    {
        private static readonly SolutionDefinition Model = CrmAttentionSolution.Build();

        [Theory]
        [InlineData(typeof(cat_AttentionPolicy), "cat_attentionpolicy")]
        [InlineData(typeof(cat_AttentionDecision), "cat_attentiondecision")]
        public void Early_bound_class_has_one_property_per_column_of_its_table(Type type, string table)
        {
            Assert.Equal(table, type.GetCustomAttribute<EntityLogicalNameAttribute>()!.LogicalName);
            var columns = Model.Tables.Single(t => t.LogicalName == table).AllColumns.Select(c => c.LogicalName).OrderBy(n => n, StringComparer.Ordinal);
            var mapped = type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.Name != nameof(Entity.Id))
                .Select(p => p.GetCustomAttribute<AttributeLogicalNameAttribute>()?.LogicalName ?? "(no attribute on " + p.Name + ")")
                .OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(columns, mapped);
        }

        [Fact]
        public void Choice_properties_store_the_option_value_and_read_it_back_typed()
        {
            var row = new cat_AttentionPolicy { cat_Mode = cat_policymode.Enforce, cat_WindowDays = 21, cat_Alpha = 0.4m };

            Assert.Equal(742800002, row.GetAttributeValue<OptionSetValue>("cat_mode").Value);
            Assert.Equal(21, row["cat_windowdays"]);
            row["cat_logginglevel"] = new OptionSetValue(742800002);
            Assert.Equal(cat_logginglevel.All, row.cat_LoggingLevel);
            row.cat_Mode = null;
            Assert.Null(row["cat_mode"]);
            Assert.Null(row.cat_Mode);
        }

        [Fact]
        public void Setting_the_primary_id_sets_the_record_id_and_back()
        {
            var id = new Guid("0b1e0000-0000-4000-8000-0000000000b1");
            var decision = new cat_AttentionDecision { Id = id };

            Assert.Equal(id, decision.cat_AttentionDecisionId);
            Assert.Equal(id, decision["cat_attentiondecisionid"]);
            decision.cat_AttentionDecisionId = null;
            Assert.Equal(Guid.Empty, decision.Id);
        }

        [Fact]
        public void A_late_bound_row_becomes_the_early_bound_class_sharing_its_values()
        {
            var row = new Entity("cat_attentiondecision", Guid.NewGuid()) { ["cat_reason"] = new OptionSetValue(742800011), ["cat_score"] = 12.5m };

            var decision = row.ToEntity<cat_AttentionDecision>();

            Assert.Equal(cat_reasoncode.Saturated, decision.cat_Reason);
            Assert.Equal(12.5m, decision.cat_Score);
            Assert.Throws<NotSupportedException>(() => row.ToEntity<cat_AttentionPolicy>());
        }

        [Fact]
        public void Columns_only_the_platform_writes_have_no_setter()
        {
            Assert.Null(typeof(cat_AttentionPolicy).GetProperty(nameof(cat_AttentionPolicy.CreatedOn))!.SetMethod);
            Assert.Null(typeof(cat_AttentionPolicy).GetProperty(nameof(cat_AttentionPolicy.VersionNumber))!.SetMethod);
            Assert.NotNull(typeof(cat_AttentionPolicy).GetProperty(nameof(cat_AttentionPolicy.OwnerId))!.SetMethod);
        }
    }
}

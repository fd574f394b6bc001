using System;
using System.Collections;
using System.Linq;
using System.Reflection;
using CrmAttention.Engine;
using CrmAttention.Model.EarlyBound;
using CrmAttention.Plugins.Services;
using Microsoft.Xrm.Sdk;
using Xunit;
using M = CrmAttention.Model;

namespace CrmAttention.Plugins.Tests.Unit
{
    /// <summary>
    /// The one policy mapping (PolicyMapper.Fields) covers every property of the engine's AttentionPolicy, found by
    /// reflection: each has a column or says why not, a file name or says why not, and a policy with every property
    /// away from its default survives engine → row → engine. (The file direction is PolicyFileTests in the CLI tests.)
    /// </summary>
    public class PolicyMappingTests
    {
        private static readonly PropertyInfo[] Properties = typeof(AttentionPolicy).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite).ToArray();

        internal static AttentionPolicy EveryPropertySet()
        {
            var model = new ModelParameters();
            model.Set(Channel.Sms, Origin.Human, 0.7, 0.05, 2);
            return new AttentionPolicy
            {
                Id = new Guid("00c1a55e-0000-4000-8000-0000000000a7"), Name = "Everything set", IsDefault = true, Priority = 7,
                Mode = PolicyMode.Enforce, WindowDays = 21, MaxTouches = 8, MaxAutomatedTouches = 4, MaxEmailTouches = 5, MaxPhoneTouches = 3,
                MaxMeetingTouches = 2, MaxLetterTouches = 1, MaxSocialTouches = 6, MaxSmsTouches = 7, MinGapHours = 12, CoolDownDays = 10,
                CoolDownAfterUnanswered = 5, AccountMaxTouches = 30, AccountWindowDays = 28, HalfLifeDays = 9.5, Alpha = 0.42, Beta = 0.2,
                PressureTolerance = 2.5, ResponseDamping = 0.3, LoadedBelow = 75, SaturatedBelow = 45, OversaturatedBelow = 20, Model = model,
                ValueSource = ValueSource.AccountRevenue, ValueThreshold = 250000.5m, HumanFirst = true, CallSlaHours = 48, ReplyExemptionDays = 3,
                ConversationDays = 10, AutomationTeams = new[] { "Marketing Automation", "Integrations" }, AutomationMarkers = new[] { "[auto]" },
                LoggingLevel = LoggingLevel.All, PendingExpiryHours = 36, Description = "Each property away from its default.",
            };
        }

        [Fact]
        public void Every_property_of_the_policy_has_exactly_one_field()
        {
            Assert.Equal(Properties.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal), PolicyMapper.Fields.Select(f => f.Property).OrderBy(n => n, StringComparer.Ordinal));
            Assert.All(PolicyMapper.Fields, f => Assert.Equal(typeof(AttentionPolicy).GetProperty(f.Property)!.PropertyType, f.ValueType));
        }

        [Fact]
        public void Every_field_has_a_column_and_a_file_name_or_says_why_not()
        {
            Assert.All(PolicyMapper.Fields, f => Assert.True(f.Column != null ^ f.NoColumnBecause != null, f.Property + ": a column or a reason, not both or neither"));
            Assert.All(PolicyMapper.Fields, f => Assert.True(f.FileName != null ^ f.NotInFileBecause != null, f.Property + ": a file name or a reason, not both or neither"));
            Assert.All(PolicyMapper.Fields.Where(f => f.Column != null), f => Assert.Contains(f.Column!, M.AttentionPolicy.Fields.CatAttentionPolicyId + " " + string.Join(" ", PolicyMapper.Columns)));
            Assert.Equal(PolicyMapper.Columns.Length, PolicyMapper.Columns.Distinct().Count());
        }

        [Fact]
        public void The_sample_policy_sets_every_property_away_from_its_default()
        {
            var sample = EveryPropertySet();
            var defaults = new AttentionPolicy();
            Assert.All(PolicyMapper.Fields, f => Assert.False(Same(f.GetValue(defaults), f.GetValue(sample)), f.Property + " keeps its default in the sample; set it"));
        }

        [Fact]
        public void A_policy_survives_engine_to_row_to_engine_in_every_column()
        {
            var sample = EveryPropertySet();

            var row = PolicyMapper.ToRow(sample);
            var back = PolicyMapper.FromEntity(new Entity(row.LogicalName, row.Id) { Attributes = row.Attributes });

            Assert.All(PolicyMapper.Fields.Where(f => f.Column != null), f => Assert.True(Same(f.GetValue(sample), f.GetValue(back)), f.Property + " is lost between engine and row"));
            Assert.Equal(M.Choices.OptionValueBase + (int)PolicyMode.Enforce, row.GetAttributeValue<OptionSetValue>(M.AttentionPolicy.Fields.CatMode).Value);
            Assert.Equal(cat_valuesource.AccountRevenue, row.cat_ValueSource);
            Assert.Equal("Marketing Automation\nIntegrations", row.cat_AutomationTeams);
        }

        [Fact]
        public void An_empty_row_reads_as_the_engine_defaults_with_an_empty_name()
        {
            var policy = PolicyMapper.FromEntity(new Entity(M.AttentionPolicy.EntityLogicalName, Guid.Empty));
            var defaults = new AttentionPolicy();

            Assert.Equal("", policy.Name);
            Assert.False(policy.IsDefault);
            Assert.All(PolicyMapper.Fields.Where(f => f.Property != nameof(AttentionPolicy.Name)), f => Assert.True(Same(f.GetValue(defaults), f.GetValue(policy)), f.Property));
        }

        [Fact]
        public void Aliased_link_columns_read_like_a_row()
        {
            var id = new Guid("00c1a55e-0000-4000-8000-0000000000b8");
            var row = new Entity("contact", Guid.NewGuid())
            {
                ["p." + M.AttentionPolicy.Fields.CatAttentionPolicyId] = new AliasedValue(M.AttentionPolicy.EntityLogicalName, M.AttentionPolicy.Fields.CatAttentionPolicyId, id),
                ["p." + M.AttentionPolicy.Fields.CatMaxTouches] = new AliasedValue(M.AttentionPolicy.EntityLogicalName, M.AttentionPolicy.Fields.CatMaxTouches, 9),
                ["p." + M.AttentionPolicy.Fields.CatMode] = new AliasedValue(M.AttentionPolicy.EntityLogicalName, M.AttentionPolicy.Fields.CatMode, PolicyMapper.Choice((int)PolicyMode.Enforce)),
            };

            var policy = PolicyMapper.FromAliased(row, "p")!;

            Assert.Equal(id, policy.Id);
            Assert.Equal(9, policy.MaxTouches);
            Assert.Equal(PolicyMode.Enforce, policy.Mode);
            Assert.Null(PolicyMapper.FromAliased(row, "q"));
        }

        private static bool Same(object? a, object? b) => (a, b) switch
        {
            (ModelParameters x, ModelParameters y) => x.Format() == y.Format(),
            (IEnumerable x, IEnumerable y) when a is not string => x.Cast<object>().SequenceEqual(y.Cast<object>()),
            _ => Equals(a, b),
        };
    }
}

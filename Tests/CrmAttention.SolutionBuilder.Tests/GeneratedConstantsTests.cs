using System.IO;
using System.Linq;
using System.Text.Json;
using CrmAttention.Solution.Model;
using CrmAttention.SolutionBuilder.Generation;
using CrmAttention.SolutionBuilder.Schema;
using Xunit;

namespace CrmAttention.SolutionBuilder.Tests
{
    public class GeneratedConstantsTests
    {
        private static readonly SolutionDefinition Model = CrmAttentionSolution.Build();

        [Fact]
        public void Generated_constants_and_metadata_in_the_repository_match_the_model()
        {
            if (RepoPaths.UpdateGolden) GeneratedFiles.WriteAll(Model, RepoPaths.Root);
            foreach (var (path, content) in GeneratedFiles.All(Model))
            {
                var full = RepoPaths.Combine(path);
                Assert.True(File.Exists(full), $"{path} is missing; run the builder's generate command.");
                Assert.True(content == File.ReadAllText(full), $"{path} is stale; run: dotnet run --project Tools/CrmAttention.SolutionBuilder -- generate --root .");
            }
        }

        [Fact]
        public void Generating_twice_produces_identical_text()
        {
            var first = GeneratedFiles.All(CrmAttentionSolution.Build());
            var second = GeneratedFiles.All(CrmAttentionSolution.Build());
            Assert.Equal(first, second);
        }

        [Fact]
        public void Choice_values_are_the_option_value_prefix_times_ten_thousand_plus_the_engine_code()
        {
            var code = CSharpConstantsWriter.Write(Model);
            Assert.Contains("public const int RouteToHuman = 742800004;", code);
            Assert.Contains("public const int EngineError = 742800017;", code);
            Assert.Contains("public const int Oversaturated = 742800003;", code);
            var ts = TypeScriptConstantsWriter.Write(Model);
            Assert.Contains("RouteToHuman: 742800004,", ts);
        }

        [Fact]
        public void Csharp_constants_name_columns_after_their_schema_names()
        {
            var code = CSharpConstantsWriter.Write(Model);
            Assert.Contains("public static class Contact", code);
            Assert.Contains("public const string CatScore = \"cat_score\";", code);
            Assert.Contains("public const string CatValueBase = \"cat_value_base\";", code);
            Assert.Contains("public const string StateCode = \"statecode\";", code);
            Assert.Contains("public static class TaskActivity", code);
            Assert.Contains("public const string MessageName = \"cat_EvaluateTouch\";", code);
            Assert.Contains("public const string CatPolicyId = \"cat_PolicyId\";", code);
        }

        [Theory]
        [InlineData("cat_attentionpolicy", "cat_attentionpolicyid cat_name cat_isdefault cat_priority cat_mode cat_windowdays cat_maxtouches cat_maxautomatedtouches cat_maxemailtouches cat_maxphonetouches cat_maxmeetingtouches cat_maxlettertouches cat_maxsocialtouches cat_maxsmstouches cat_mingaphours cat_cooldowndays cat_cooldownafterunanswered cat_accountmaxtouches cat_accountwindowdays cat_halflifedays cat_alpha cat_beta cat_pressuretolerance cat_responsedamping cat_loadedbelow cat_saturatedbelow cat_oversaturatedbelow cat_modelparameters cat_valuesource cat_valuethreshold cat_humanfirst cat_callslahours cat_replyexemptiondays cat_automationteams cat_automationmarkers cat_logginglevel cat_description")]
        [InlineData("cat_attentiondecision", "cat_attentiondecisionid cat_name cat_contactid cat_accountid cat_policyid cat_activityid cat_activitytypecode cat_channel cat_origin cat_decision cat_reason cat_message cat_score cat_pressure cat_marginalvalue cat_contactvalue cat_nextallowedon cat_evaluatedon cat_routedcallid cat_overridereason cat_correlationid")]
        [InlineData("contact", "cat_pressure cat_pressureasof cat_score cat_band cat_nextallowedtouchon cat_lasttouchon cat_lastresponseon cat_unansweredtouches cat_touchesinwindow cat_automatedtouchesinwindow cat_value cat_policyid cat_ledger donotemail donotphone donotbulkemail donotpostalmail")]
        [InlineData("account", "cat_pressure cat_pressureasof cat_touchesinwindow cat_policyid cat_ledger revenue")]
        [InlineData("email", "cat_origin cat_attentiondecision cat_attentionreason cat_overridereason cat_routedfromid activityid activitytypecode regardingobjectid to from")]
        [InlineData("phonecall", "cat_origin cat_attentiondecision cat_attentionreason cat_overridereason cat_routedfromid")]
        [InlineData("appointment", "cat_origin cat_attentiondecision cat_attentionreason cat_overridereason cat_routedfromid")]
        [InlineData("task", "cat_origin cat_attentiondecision cat_attentionreason cat_overridereason cat_routedfromid")]
        [InlineData("letter", "cat_origin cat_attentiondecision cat_attentionreason cat_overridereason cat_routedfromid")]
        public void Metadata_lists_every_column_of_the_contract(string table, string columns)
        {
            using var doc = JsonDocument.Parse(MetadataJsonWriter.Write(Model));
            var entry = doc.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("logicalName").GetString() == table);
            var names = entry.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("logicalName").GetString()).ToHashSet();
            foreach (var column in columns.Split(' ')) Assert.True(names.Contains(column), $"{table}.{column} is missing from metadata.json");
        }

        [Theory]
        [InlineData("contact", "cat_value", "Money", null)]
        [InlineData("contact", "cat_policyid", "Lookup", "cat_attentionpolicy")]
        [InlineData("cat_attentiondecision", "cat_routedcallid", "Lookup", "phonecall")]
        [InlineData("cat_attentiondecision", "cat_reason", "Picklist", null)]
        [InlineData("email", "to", "PartyList", "contact")]
        [InlineData("contact", "ownerid", "Owner", "team")]
        [InlineData("contact", "cat_ledger", "Memo", null)]
        public void Metadata_gives_columns_their_attribute_type_and_targets(string table, string column, string type, string? target)
        {
            using var doc = JsonDocument.Parse(MetadataJsonWriter.Write(Model));
            var entry = doc.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("logicalName").GetString() == table);
            var col = entry.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("logicalName").GetString() == column);
            Assert.Equal(type, col.GetProperty("type").GetString());
            if (target != null) Assert.Contains(target, col.GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
        }

        [Fact]
        public void Every_lookup_target_in_the_metadata_is_a_table_of_the_metadata()
        {
            using var doc = JsonDocument.Parse(MetadataJsonWriter.Write(Model));
            var tables = doc.RootElement.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("logicalName").GetString()).ToHashSet();
            var targets = doc.RootElement.GetProperty("tables").EnumerateArray()
                .SelectMany(t => t.GetProperty("columns").EnumerateArray())
                .Where(c => c.TryGetProperty("targets", out _))
                .SelectMany(c => c.GetProperty("targets").EnumerateArray().Select(x => x.GetString()))
                .ToHashSet();
            Assert.Contains("transactioncurrency", targets);
            Assert.All(targets, target => Assert.Contains(target, tables));
        }

        [Fact]
        public void Metadata_lists_reason_options_with_values_and_english_labels()
        {
            using var doc = JsonDocument.Parse(MetadataJsonWriter.Write(Model));
            var decision = doc.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("logicalName").GetString() == "cat_attentiondecision");
            var reason = decision.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("logicalName").GetString() == "cat_reason");
            var options = reason.GetProperty("options").EnumerateArray().ToList();
            Assert.Equal(19, options.Count);
            Assert.Equal(742800011, options[11].GetProperty("value").GetInt32());
            Assert.Equal("Contact saturated", options[11].GetProperty("label").GetString());
        }
    }
}

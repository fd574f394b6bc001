using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using CrmAttention.SolutionBuilder.Packaging;
using Xunit;

namespace CrmAttention.SolutionBuilder.Tests
{
    /// <summary>
    /// Send's sdkmessageid is documented nowhere public, so it is a pack input (--message-id Send=&lt;id&gt;,
    /// build.ps1 -MessageIds, Solution/messageids.json). With it the three Send steps go into both zips; without it they
    /// are left out and named. The id below is a test input, not Send's real id.
    /// </summary>
    public class MessageIdInputTests
    {
        private static readonly Guid SendId = new Guid("00000000-5e4d-4000-8000-00000000abcd");

        private static PackInputs RealWithSend() =>
            new PackInputs(TestInputs.Real().Model, TestInputs.Real().Assembly, TestInputs.Real().AssemblyBytes, TestInputs.Real().WebResources)
            {
                OmitStepsOnUnknownMessages = true,
                MessageIds = SdkMessageIds.WellKnown.With(new Dictionary<string, Guid> { ["Send"] = SendId }, "test"),
            };

        private static List<XElement> SendSteps(PackInputs inputs, bool managed)
        {
            var customizations = XDocument.Parse(Encoding.UTF8.GetString(SolutionPackager.Files(inputs, managed).Single(f => f.Path == "customizations.xml").Content)).Root!;
            return customizations.Element("SdkMessageProcessingSteps")!.Elements().Where(s => ((string)s.Attribute("Name")!).Contains(": Send of ", StringComparison.Ordinal)).ToList();
        }

        private static List<Guid> StepRoots(PackInputs inputs, bool managed)
        {
            var solution = XDocument.Parse(Encoding.UTF8.GetString(SolutionPackager.Files(inputs, managed).Single(f => f.Path == "solution.xml").Content)).Root!;
            return solution.Descendants("RootComponent").Where(r => (string)r.Attribute("type")! == "92").Select(r => Guid.Parse((string)r.Attribute("id")!)).ToList();
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void With_the_send_id_the_three_send_steps_go_into_both_zips(bool managed)
        {
            var inputs = RealWithSend();
            Assert.Empty(SolutionValidator.Validate(inputs));
            Assert.Empty(SolutionPackager.OmittedSteps(inputs));
            var steps = SendSteps(inputs, managed);
            Assert.Equal(3, steps.Count);
            Assert.All(steps, s => Assert.Equal(SendId.ToString("D"), (string)s.Element("SdkMessageId")!));
            Assert.All(steps, s => Assert.Equal("email", (string)s.Element("PrimaryEntity")!));
            var roots = StepRoots(inputs, managed);
            Assert.All(steps, s => Assert.Contains(Guid.Parse((string)s.Attribute("SdkMessageProcessingStepId")!), roots));
        }

        [Fact]
        public void Without_the_send_id_the_send_steps_are_left_out_and_named()
        {
            var inputs = TestInputs.Real();
            var omitted = SolutionPackager.OmittedSteps(inputs);
            Assert.Equal(3, omitted.Count);
            Assert.All(omitted, o => Assert.Contains(": Send of email (stage ", o));
            Assert.Empty(SendSteps(inputs, managed: false));
            Assert.Equal(StepRoots(RealWithSend(), managed: false).Count - 3, StepRoots(inputs, managed: false).Count);
        }

        [Fact]
        public void A_send_step_of_the_fixture_names_the_given_id_and_takes_its_image_from_EmailId()
        {
            var fixture = TestInputs.Fixture();
            var type = fixture.Assembly.Types.First(t => t.Steps.Any(s => s.Stage != 30 && s.Images.Count > 0));
            var send = type.Steps.First(s => s.Stage != 30 && s.Images.Count > 0) with { Message = "Send", PrimaryEntity = "email" };
            send = send with { Images = send.Images.Select(i => i with { MessagePropertyName = null }).ToList() };
            var assembly = fixture.Assembly with { Types = fixture.Assembly.Types.Select(t => t == type ? t with { Steps = t.Steps.Append(send).ToList() } : t).ToList() };
            var inputs = fixture.WithAssembly(assembly);
            Assert.Contains(SolutionValidator.Validate(inputs), p => p.Contains("--message-id Send=<id>"));
            inputs = new PackInputs(inputs.Model, assembly, inputs.AssemblyBytes, inputs.WebResources) { MessageIds = SdkMessageIds.WellKnown.With(new Dictionary<string, Guid> { ["Send"] = SendId }, "test") };
            var step = Assert.Single(SendSteps(inputs, managed: false));
            Assert.Equal(SendId.ToString("D"), (string)step.Element("SdkMessageId")!);
            Assert.All(step.Descendants("MessagePropertyName"), m => Assert.Equal("EmailId", m.Value));
        }

        [Fact]
        public void Message_ids_are_read_from_a_json_file_and_from_command_line_pairs()
        {
            var path = Path.Combine(Path.GetTempPath(), "crmattention-messageids-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(path, "{\"Send\": \"" + SendId.ToString("D") + "\"}");
            try
            {
                Assert.Equal(SendId, SdkMessageIds.ReadJson(path)["Send"]);
            }
            finally
            {
                File.Delete(path);
            }
            Assert.Equal(SendId, SdkMessageIds.ParsePairs(new[] { "Send=" + SendId.ToString("D") })["Send"]);
            Assert.Equal(Path.Combine("root", "Solution", "messageids.json"), PackInputs.MessageIdsFile("root"));
        }

        [Theory]
        [InlineData("{\"Send\": \"not-a-guid\"}", "is not a GUID")]
        [InlineData("[\"Send\"]", "must be one JSON object")]
        [InlineData("{\"Send\": ", "is not valid JSON")]
        public void A_malformed_message_ids_file_is_refused(string json, string reason)
        {
            var path = Path.Combine(Path.GetTempPath(), "crmattention-messageids-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(path, json);
            try
            {
                Assert.Contains(reason, Assert.Throws<PackagingException>(() => SdkMessageIds.ReadJson(path)).Message);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void A_guess_cannot_replace_a_documented_id_or_be_empty_or_malformed()
        {
            var create = new Dictionary<string, Guid> { ["Create"] = SendId };
            Assert.Contains("has the sdkmessageid 9ebdbb1b-ea3e-db11-86a7-000a3a5473e8 in every environment", Assert.Throws<PackagingException>(() => SdkMessageIds.WellKnown.With(create, "test")).Message);
            Assert.Contains("empty GUID", Assert.Throws<PackagingException>(() => SdkMessageIds.WellKnown.With(new Dictionary<string, Guid> { ["Send"] = Guid.Empty }, "test")).Message);
            var once = SdkMessageIds.WellKnown.With(new Dictionary<string, Guid> { ["Send"] = SendId }, "file");
            Assert.Contains("already given", Assert.Throws<PackagingException>(() => once.With(new Dictionary<string, Guid> { ["Send"] = Guid.NewGuid() }, "--message-id")).Message);
            Assert.Equal(SendId, once.With(new Dictionary<string, Guid> { ["Send"] = SendId }, "--message-id").Supplied["Send"]);
            Assert.Contains("<message>=<sdkmessageid>", Assert.Throws<PackagingException>(() => SdkMessageIds.ParsePairs(new[] { "Send" })).Message);
            Assert.Contains("<message>=<sdkmessageid>", Assert.Throws<PackagingException>(() => SdkMessageIds.ParsePairs(new[] { "Send=xyz" })).Message);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void The_pack_command_takes_message_ids_and_writes_both_zips(bool withSend)
        {
            var output = Path.Combine(Path.GetTempPath(), "crmattention-cli-pack-" + Guid.NewGuid().ToString("N"));
            try
            {
                var args = new List<string> { "pack", "--root", RepoPaths.Root, "--out", output, "--configuration", TestInputs.Configuration, "--omit-steps-on-unknown-messages" };
                if (withSend) args.AddRange(new[] { "--message-id", "Send=" + SendId.ToString("D") });
                TestInputs.RequirePluginDll();
                Assert.Equal(0, Program.Main(args.ToArray()));
                var zips = Directory.GetFiles(output, "*.zip").OrderBy(f => f, StringComparer.Ordinal).ToList();
                Assert.Equal(2, zips.Count);
                foreach (var zip in zips)
                {
                    var customizations = Encoding.UTF8.GetString(TestInputs.Unzip(File.ReadAllBytes(zip))["customizations.xml"]);
                    var sendSteps = XDocument.Parse(customizations).Descendants("SdkMessageId").Count(e => e.Value == SendId.ToString("D"));
                    Assert.Equal(withSend ? 3 : 0, sendSteps);
                }
            }
            finally
            {
                if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
            }
        }
    }
}

using System.Linq;
using CrmAttention.SolutionBuilder.Packaging;
using CrmAttention.SolutionBuilder.Schema;
using Xunit;

namespace CrmAttention.SolutionBuilder.Tests
{
    /// <summary>A broken reference in the model stops the pack with a message naming it, before anything is written.</summary>
    public class ValidatorTests
    {
        [Fact]
        public void The_model_as_committed_has_no_problems()
        {
            Assert.Empty(SolutionValidator.Validate(TestInputs.Fixture()));
        }

        [Fact]
        public void A_view_on_a_missing_column_is_reported()
        {
            var inputs = TestInputs.Fixture();
            inputs.Model.Table("contact").Views.Add(new View("broken", new Label("Broken", "Kaputt"), new Label("Broken view", "Kaputte Ansicht"))
            {
                Columns = new[] { new ViewColumn("cat_nosuchcolumn", 100) },
            });
            Assert.Contains("View contact/broken uses cat_nosuchcolumn, which the table does not have.", SolutionValidator.Validate(inputs));
        }

        [Fact]
        public void A_dashboard_chart_that_does_not_exist_is_reported()
        {
            var inputs = TestInputs.Fixture();
            inputs.Model.Dashboards.Add(new Dashboard("broken", new Label("Broken", "Kaputt"), new Label("Broken", "Kaputt"),
                new FormSection("row", new Label("Row", "Zeile"), new ChartCell("c", new Label("C", "C"), "contact", "nochart", "attention"))));
            Assert.Contains("Dashboard broken shows the chart contact/nochart, which does not exist.", SolutionValidator.Validate(inputs));
        }

        [Fact]
        public void A_secured_column_without_a_field_security_profile_is_reported()
        {
            var inputs = TestInputs.Fixture();
            inputs.Model.FieldSecurityProfiles.Clear();
            var problems = SolutionValidator.Validate(inputs);
            Assert.Equal(5, problems.Count(p => p.Contains("is in no field security profile")));
        }

        [Fact]
        public void A_role_privilege_of_an_unknown_table_is_reported()
        {
            var inputs = TestInputs.Fixture();
            inputs.Model.Roles.Add(new Role("broken", "Broken", new Label("Broken", "Kaputt"), new[] { new RolePrivilege("prvReadcat_Nothing", Depth.Global) }));
            Assert.Contains(SolutionValidator.Validate(inputs), p => p.Contains("prvReadcat_Nothing"));
        }

        [Fact]
        public void A_step_on_a_message_without_a_known_sdkmessageid_is_reported()
        {
            var fixture = TestInputs.Fixture();
            var type = fixture.Assembly.Types.First(t => t.Steps.Any(s => s.Stage != 30));
            var send = type.Steps.First() with { Message = "Send" };
            var assembly = fixture.Assembly with { Types = fixture.Assembly.Types.Select(t => t == type ? t with { Steps = t.Steps.Append(send).ToList() } : t).ToList() };
            var inputs = new PackInputs(fixture.Model, assembly, fixture.AssemblyBytes, fixture.WebResources);
            Assert.Contains(SolutionValidator.Validate(inputs), p => p.Contains("knows no sdkmessageid for Send"));
            Assert.Throws<PackagingException>(() => SolutionPackager.Files(inputs, managed: false));
            var lookup = Assert.Throws<PackagingException>(() => SdkMessages.IdOf("Send", "X: Send of email"));
            Assert.Contains("sdkmessages?$filter=name eq 'Send'", lookup.Message);
        }

        [Fact]
        public void Steps_on_unknown_messages_can_be_left_out_and_are_named()
        {
            var fixture = TestInputs.Fixture();
            var type = fixture.Assembly.Types.First(t => t.Steps.Any(s => s.Stage != 30));
            var send = type.Steps.First() with { Message = "Send", PrimaryEntity = "email" };
            var assembly = fixture.Assembly with { Types = fixture.Assembly.Types.Select(t => t == type ? t with { Steps = t.Steps.Append(send).ToList() } : t).ToList() };
            var inputs = new PackInputs(fixture.Model, assembly, fixture.AssemblyBytes, fixture.WebResources) { OmitStepsOnUnknownMessages = true };
            Assert.Equal(new[] { type.FullName + ": Send of email (stage " + send.Stage + ")" }, SolutionPackager.OmittedSteps(inputs));
            var customizations = System.Text.Encoding.UTF8.GetString(SolutionPackager.Files(inputs, managed: false).Single(f => f.Path == "customizations.xml").Content);
            Assert.DoesNotContain(": Send of email", customizations);
            Assert.Contains(": Create of email", customizations);
        }

        [Fact]
        public void An_unsigned_plugin_assembly_is_reported()
        {
            var fixture = TestInputs.Fixture();
            var inputs = new PackInputs(fixture.Model, fixture.Assembly with { PublicKeyToken = "null" }, fixture.AssemblyBytes, fixture.WebResources);
            Assert.Contains(SolutionValidator.Validate(inputs), p => p.Contains("is not strong-named"));
        }
    }
}

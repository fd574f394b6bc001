using System;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Plugins.Infrastructure;
using CrmAttention.Plugins.Registration;
using CrmAttention.Plugins.Tests.Support;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Xunit;
using M = CrmAttention.Model;

namespace CrmAttention.Plugins.Tests.Unit
{
    /// <summary>A plugin written against the base class, for checking dispatch, tracing and the translation of failures.</summary>
    public sealed class ProbePlugin : PluginBase
    {
        public ProbePlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        [PluginStep(Message = "Create", PrimaryEntity = M.Account.EntityLogicalName, Stage = PluginStage.PreOperation)]
        private void Crash(LocalPluginContext ctx)
        {
            var name = ctx.Target!.GetAttributeValue<string>(M.Account.Fields.AccountNumber);
            ctx.Target[M.Account.Fields.Name] = name!.Trim();
        }

        [PluginStep(Message = "Update", PrimaryEntity = M.Account.EntityLogicalName, Stage = PluginStage.PreOperation)]
        private void Refuse(LocalPluginContext ctx) => throw new AttentionEngineException("The account is frozen.", "Die Firma ist gesperrt.");

        [PluginStep(Message = "Delete", PrimaryEntity = M.Account.EntityLogicalName, Stage = PluginStage.PreValidation)]
        private void Allow(LocalPluginContext ctx) => ctx.Trace("Deleting {0}.", ctx.TargetReference!.Id);
    }

    public sealed class PluginBaseTests
    {
        private static World WithProbe()
        {
            var w = new World();
            w.Dataverse.RegisterStepsFrom(typeof(ProbePlugin).Assembly);
            return w;
        }

        [Fact]
        public void An_unexpected_exception_reaches_the_user_as_a_readable_message_with_the_correlation_id_not_as_a_null_reference()
        {
            var w = WithProbe();
            var user = w.Seller("Dana Seller");

            var fault = World.Refused(() => w.As(user).Create(new Entity(M.Account.EntityLogicalName) { [M.Account.Fields.Name] = "Acme" }));

            var trace = w.Dataverse.Instrumentation.Traces.Last(t => t.PluginTypeName == typeof(ProbePlugin).FullName);
            Assert.Equal("CrmAttention could not process this operation because of an unexpected error. Please give your administrator the correlation id " + trace.CorrelationId.ToString("D") + ".", fault.Detail.Message);
            Assert.DoesNotContain("NullReference", fault.Detail.Message);
            Assert.Contains("System.NullReferenceException", trace.Text);
            Assert.Contains("ProbePlugin entered: Create of account, stage 20, depth 1, correlation " + trace.CorrelationId.ToString("D") + ".", trace.Text);
        }

        [Fact]
        public void An_engine_exception_is_shown_in_the_users_language()
        {
            var w = WithProbe();
            var user = w.Seller("Jonas Weber", language: 1031);
            var id = w.Dataverse.Seed(new Entity(M.Account.EntityLogicalName) { [M.Account.Fields.Name] = "Acme" });

            var fault = World.Refused(() => w.As(user).Update(new Entity(M.Account.EntityLogicalName, id) { [M.Account.Fields.Name] = "Acme AG" }));

            Assert.Equal("Die Firma ist gesperrt.", fault.Detail.Message);
        }

        [Fact]
        public void Entry_and_exit_are_traced_for_a_step_that_succeeds()
        {
            var w = WithProbe();
            var id = w.Dataverse.Seed(new Entity(M.Account.EntityLogicalName) { [M.Account.Fields.Name] = "Acme" });

            w.As(w.Seller("Dana Seller")).Delete(M.Account.EntityLogicalName, id);

            var trace = w.Dataverse.Instrumentation.Traces.Last(t => t.PluginTypeName == typeof(ProbePlugin).FullName);
            Assert.Equal(
                "ProbePlugin entered: Delete of account, stage 10, depth 1, correlation " + trace.CorrelationId.ToString("D") + ".\nDeleting " + id.ToString("D") + ".\nProbePlugin finished.",
                trace.Text.Trim().Replace("\r\n", "\n"));
        }

        [Fact]
        public void A_registered_step_without_a_handler_is_refused_with_a_clear_error()
        {
            var w = new World();
            w.Dataverse.RegisterStep(new PluginStep("Create", typeof(ProbePlugin)) { PrimaryEntity = M.Contact.EntityLogicalName, Stage = PipelineStage.PreOperation });

            var fault = World.Refused(() => w.As(w.Seller("Dana Seller")).Create(new Entity(M.Contact.EntityLogicalName) { [M.Contact.Fields.LastName] = "Berg" }));

            Assert.Equal("CrmAttention.Plugins.Tests.Unit.ProbePlugin has no handler for Create of contact at stage 20; the registered steps do not match this assembly.", fault.Detail.Message);
        }
    }
}

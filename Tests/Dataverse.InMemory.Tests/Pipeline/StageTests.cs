using System;
using System.Collections.Generic;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Dataverse.InMemory.Tests.Pipeline
{
    public sealed class StageTests
    {
        private readonly InMemoryDataverse dataverse = new();
        private readonly IOrganizationService service;

        public StageTests()
        {
            service = dataverse.CreateService();
        }

        [Fact]
        public void Steps_run_by_stage_then_rank_then_registration_order()
        {
            var order = new List<string>();
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, _ => order.Add("post"), rank: 1));
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PreOperation, _ => order.Add("pre rank 2"), rank: 2));
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PreOperation, _ => order.Add("pre rank 1"), rank: 1));
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PreValidation, _ => order.Add("validation")));
            dataverse.RegisterStep(Steps.On("Create", "account", PipelineStage.PreOperation, _ => order.Add("other table")));
            dataverse.RegisterStep(Steps.On("Create", null, PipelineStage.PostOperation, _ => order.Add("any table"), rank: 5));

            service.Create(new Entity("contact"));

            Assert.Equal(new[] { "validation", "pre rank 1", "pre rank 2", "post", "any table" }, order);
        }

        [Fact]
        public void Changes_a_PreOperation_step_makes_to_the_Target_are_saved()
        {
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PreOperation, p => p.Target["jobtitle"] = "Set by plugin"));

            var id = service.Create(new Entity("contact") { ["lastname"] = "Kim" });

            Assert.Equal("Set by plugin", service.Retrieve("contact", id, new ColumnSet("jobtitle"))["jobtitle"]);
        }

        [Fact]
        public void The_new_id_is_in_OutputParameters_and_PrimaryEntityId_only_in_PostOperation()
        {
            var seen = new List<(int Stage, bool HasOutput, Guid PrimaryId)>();
            void Record(PluginServices p) => seen.Add((p.Context.Stage, p.Context.OutputParameters.Contains("id"), p.Context.PrimaryEntityId));
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PreOperation, Record));
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, Record));

            var id = service.Create(new Entity("contact"));

            Assert.Equal(new[] { (20, false, Guid.Empty), (40, true, id) }, seen);
        }

        [Fact]
        public void The_context_describes_the_message_the_table_and_the_mode()
        {
            IPluginExecutionContext? seen = null;
            var step = Steps.On("Update", "contact", PipelineStage.PostOperation, p => seen = p.Context);
            dataverse.RegisterStep(step);
            var id = service.Create(new Entity("contact"));

            service.Update(new Entity("contact", id) { ["lastname"] = "Kim" });

            Assert.NotNull(seen);
            Assert.Equal("Update", seen!.MessageName);
            Assert.Equal("contact", seen.PrimaryEntityName);
            Assert.Equal(id, seen.PrimaryEntityId);
            Assert.Equal(0, seen.Mode);
            Assert.Equal(1, seen.Depth);
            Assert.Equal(2, seen.IsolationMode);
            Assert.True(seen.IsInTransaction);
            Assert.Equal(dataverse.DefaultUserId, seen.UserId);
            Assert.Equal(dataverse.DefaultUserId, seen.InitiatingUserId);
            Assert.Equal(dataverse.RootBusinessUnitId, seen.BusinessUnitId);
            Assert.Equal(dataverse.OrganizationId, seen.OrganizationId);
            Assert.Equal(dataverse.Clock.UtcNow, seen.OperationCreatedOn);
            Assert.Equal(new EntityReference("sdkmessageprocessingstep", step.Id), seen.OwningExtension);
        }

        [Fact]
        public void PreValidation_of_a_top_level_request_runs_outside_the_transaction()
        {
            var inTransaction = new List<(int, bool)>();
            void Record(PluginServices p) => inTransaction.Add((p.Context.Stage, p.Context.IsInTransaction));
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PreValidation, Record));
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PreOperation, Record));

            service.Create(new Entity("contact"));

            Assert.Equal(new[] { (10, false), (20, true) }, inTransaction);
        }

        [Fact]
        public void Update_filtering_attributes_skip_the_step_when_none_of_its_columns_is_sent()
        {
            var runs = 0;
            dataverse.RegisterStep(new PluginStep("Update", new DelegatePlugin(_ => runs++))
            {
                PrimaryEntity = "contact",
                Stage = PipelineStage.PostOperation,
                FilteringAttributes = new[] { "emailaddress1" },
            });
            var id = service.Create(new Entity("contact"));

            service.Update(new Entity("contact", id) { ["lastname"] = "Kim" });
            service.Update(new Entity("contact", id) { ["emailaddress1"] = "kim@example.com" });

            Assert.Equal(1, runs);
        }

        [Fact]
        public void Shared_variables_set_in_PreValidation_reach_later_stages_through_ParentContext_for_Create()
        {
            object? direct = "unset";
            object? viaParent = null;
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PreValidation, p => p.Context.SharedVariables["key"] = "from 10"));
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, p =>
            {
                direct = p.Context.SharedVariables.Contains("key") ? p.Context.SharedVariables["key"] : null;
                viaParent = p.Context.ParentContext.SharedVariables["key"];
            }));

            service.Create(new Entity("contact"));

            Assert.Null(direct);
            Assert.Equal("from 10", viaParent);
        }

        [Fact]
        public void Shared_variables_flow_from_PreOperation_to_PostOperation_in_the_same_context()
        {
            object? seen = null;
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PreOperation, p => p.Context.SharedVariables["key"] = 42));
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, p => seen = p.Context.SharedVariables["key"]));

            service.Create(new Entity("contact"));

            Assert.Equal(42, seen);
        }

        [Fact]
        public void Shared_variables_of_other_messages_are_shared_across_all_stages()
        {
            object? seen = null;
            dataverse.RegisterStep(Steps.On("Retrieve", "contact", PipelineStage.PreValidation, p => p.Context.SharedVariables["key"] = "v"));
            dataverse.RegisterStep(Steps.On("Retrieve", "contact", PipelineStage.PostOperation, p => seen = p.Context.SharedVariables["key"]));
            var id = service.Create(new Entity("contact"));

            service.Retrieve("contact", id, new ColumnSet(false));

            Assert.Equal("v", seen);
        }

        [Fact]
        public void Nested_calls_get_depth_plus_one_the_parent_context_and_the_same_correlation_id()
        {
            IPluginExecutionContext? outer = null;
            IPluginExecutionContext? inner = null;
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, p =>
            {
                outer = p.Context;
                p.Service.Create(new Entity("task") { ["subject"] = "Follow up" });
            }));
            dataverse.RegisterStep(Steps.On("Create", "task", PipelineStage.PreOperation, p => inner = p.Context));

            service.Create(new Entity("contact"));

            Assert.Equal(1, outer!.Depth);
            Assert.Equal(2, inner!.Depth);
            Assert.Same(outer, inner.ParentContext.ParentContext);
            Assert.Equal(outer.CorrelationId, inner.CorrelationId);
        }

        [Fact]
        public void Passing_the_depth_limit_faults_with_the_infinite_loop_error()
        {
            dataverse.RegisterStep(Steps.On("Update", "contact", PipelineStage.PostOperation, p =>
                p.Service.Update(new Entity("contact", p.Context.PrimaryEntityId) { ["description"] = "again" })));
            var id = service.Create(new Entity("contact"));

            var fault = Assertions.Faults(ErrorCodes.InfiniteLoop, () => service.Update(new Entity("contact", id) { ["description"] = "start" }));

            Assert.Contains("infinite loop", fault.Message, StringComparison.Ordinal);
            Assert.Null(service.Retrieve("contact", id, new ColumnSet("description")).GetAttributeValue<string>("description"));
        }

        [Fact]
        public void Update_with_state_and_other_columns_runs_the_update_steps_twice()
        {
            var targets = new List<string>();
            dataverse.RegisterStep(Steps.On("Update", "task", PipelineStage.PreOperation, p => targets.Add(string.Join(",", p.Target.Attributes.Keys))));
            var id = service.Create(new Entity("task"));

            service.Update(new Entity("task", id) { ["subject"] = "Done", ["statecode"] = new OptionSetValue(1) });

            Assert.Equal(new[] { "subject", "statecode" }, targets);
        }

        [Fact]
        public void SetState_runs_the_Update_steps()
        {
            IPluginExecutionContext? seen = null;
            dataverse.RegisterStep(Steps.On("Update", "task", PipelineStage.PostOperation, p => seen = p.Context));
            var id = service.Create(new Entity("task"));

            service.Execute(new OrganizationRequest("SetState")
            {
                ["EntityMoniker"] = new EntityReference("task", id),
                ["State"] = new OptionSetValue(2),
                ["Status"] = new OptionSetValue(6),
            });

            Assert.Equal("Update", seen!.MessageName);
            Assert.Equal(2, ((Entity)seen.InputParameters["Target"]).GetAttributeValue<OptionSetValue>("statecode").Value);
        }

        [Fact]
        public void Upsert_runs_its_own_steps_and_those_of_the_Create_or_Update_it_turns_into()
        {
            var messages = new List<(string Message, int Depth)>();
            void Record(PluginServices p) => messages.Add((p.Context.MessageName, p.Context.Depth));
            dataverse.RegisterStep(Steps.On("Upsert", "account", PipelineStage.PostOperation, Record));
            dataverse.RegisterStep(Steps.On("Create", "account", PipelineStage.PostOperation, Record));
            dataverse.RegisterStep(Steps.On("Update", "account", PipelineStage.PostOperation, Record));
            var id = new Guid("7a1e0000-0000-0000-0000-0000000000a1");

            service.Execute(new Microsoft.Xrm.Sdk.Messages.UpsertRequest { Target = new Entity("account", id) { ["name"] = "Contoso" } });
            service.Execute(new Microsoft.Xrm.Sdk.Messages.UpsertRequest { Target = new Entity("account", id) { ["name"] = "Contoso Ltd" } });

            Assert.Equal(new[] { ("Create", 1), ("Upsert", 1), ("Update", 1), ("Upsert", 1) }, messages);
        }

        [Fact]
        public void A_step_for_one_request_of_an_ExecuteMultiple_sees_only_that_request()
        {
            var names = new List<string>();
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PreOperation, p => names.Add((string)p.Target["lastname"])));

            service.Execute(new Microsoft.Xrm.Sdk.Messages.ExecuteMultipleRequest
            {
                Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = false },
                Requests = new OrganizationRequestCollection
                {
                    new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = new Entity("contact") { ["lastname"] = "One" } },
                    new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = new Entity("contact") { ["lastname"] = "Two" } },
                },
            });

            Assert.Equal(new[] { "One", "Two" }, names);
            Assert.Equal(2, dataverse.Instrumentation.RequestCount);
        }

        [Fact]
        public void Unsecure_and_secure_configuration_reach_the_two_string_constructor()
        {
            dataverse.RegisterStep(new PluginStep("Create", typeof(ConfiguredPlugin))
            {
                PrimaryEntity = "contact",
                Stage = PipelineStage.PreOperation,
                UnsecureConfiguration = "public",
                SecureConfiguration = "secret",
            });

            var id = service.Create(new Entity("contact"));

            Assert.Equal("public|secret", service.Retrieve("contact", id, new ColumnSet("description"))["description"]);
        }

        [Fact]
        public void Trace_output_is_captured_per_execution()
        {
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, p => p.Tracing.Trace("created {0}", p.Context.PrimaryEntityId)));

            var id = service.Create(new Entity("contact"));

            var trace = Assert.Single(dataverse.Instrumentation.Traces);
            Assert.Equal($"created {id}" + Environment.NewLine, trace.Text);
            Assert.Equal("Create", trace.MessageName);
            Assert.Equal(40, trace.Stage);
        }

        [Fact]
        public void Instrumentation_counts_the_calls_plugins_make_by_message_and_times_each_step()
        {
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, p =>
            {
                p.Service.Retrieve("contact", p.Context.PrimaryEntityId, new ColumnSet(false));
                p.Service.Create(new Entity("task"));
                p.Service.Create(new Entity("task"));
            }));

            service.Create(new Entity("contact"));

            var metrics = dataverse.Instrumentation.LastRequest!;
            Assert.Equal("Create", metrics.MessageName);
            Assert.Equal("contact", metrics.PrimaryEntityName);
            Assert.Equal(new Dictionary<string, int> { ["Retrieve"] = 1, ["Create"] = 2 }, metrics.PluginCallsByMessage);
            Assert.Single(metrics.Steps);
            Assert.Equal(1, dataverse.Instrumentation.RequestCount);
        }

        [Fact]
        public void The_callers_tag_reaches_steps_as_a_shared_variable()
        {
            object? tag = null;
            dataverse.RegisterStep(Steps.On("Create", "contact", PipelineStage.PostOperation, p => tag = p.Context.SharedVariables["tag"]));

            service.Execute(new OrganizationRequest("Create") { ["Target"] = new Entity("contact"), ["tag"] = "import-42" });

            Assert.Equal("import-42", tag);
        }

        [Fact]
        public void Registering_what_the_platform_refuses_throws()
        {
            Assert.Throws<ArgumentException>(() => dataverse.RegisterStep(new PluginStep("Create", new DelegatePlugin(_ => { }))
            {
                Stage = PipelineStage.PreOperation,
                Mode = StepMode.Asynchronous,
            }));
            Assert.Throws<ArgumentException>(() => dataverse.RegisterStep(new PluginStep("Create", new DelegatePlugin(_ => { }))
            {
                Images = new[] { new StepImage(ImageType.PreImage, "pre") },
            }));
            Assert.Throws<ArgumentException>(() => dataverse.RegisterStep(new PluginStep("Update", new DelegatePlugin(_ => { }))
            {
                Stage = PipelineStage.PreOperation,
                Images = new[] { new StepImage(ImageType.PostImage, "post") },
            }));
        }

        private sealed class ConfiguredPlugin : IPlugin
        {
            private readonly string configuration;

            public ConfiguredPlugin(string unsecure, string secure)
            {
                configuration = unsecure + "|" + secure;
            }

            public void Execute(IServiceProvider serviceProvider)
            {
                var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
                ((Entity)context.InputParameters["Target"])["description"] = configuration;
            }
        }
    }
}

using System;
using BenchmarkDotNet.Attributes;
using Dataverse.InMemory;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmAttention.Benchmarks
{
    /// <summary>
    /// The in-memory Dataverse under the loads the plugin tests, the simulator and the backtest put on it:
    /// Creates through a pipeline of three synchronous no-op steps (target ≥ 20,000/s), Retrieve, a three-condition
    /// RetrieveMultiple over 10,000 and 100,000 contacts (target ≤ 30 ms at 100,000) and a grouped FetchXML aggregate
    /// over 100,000 contacts.
    /// </summary>
    [MemoryDiagnoser]
    public class DataverseBenchmarks
    {
        private const int CreatesPerInvoke = 1000;
        private static readonly string[] Cities = { "Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt", "Stuttgart", "Leipzig", "Dresden", "Bremen", "Hanover" };

        private InMemoryDataverse _createWorld = null!;
        private IOrganizationService _createService = null!;
        private InMemoryDataverse _world = null!;
        private IOrganizationService _service = null!;
        private Guid _someContact;
        private QueryExpression _filtered = null!;
        private FetchExpression _aggregate = null!;

        [Params(10_000, 100_000)]
        public int Rows { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _world = new InMemoryDataverse();
            _world.IdGenerator = SequentialIds(1);
            var random = new Random(42);
            for (var i = 0; i < Rows; i++)
            {
                var id = _world.Seed(new Entity("contact")
                {
                    ["lastname"] = "Contact " + i,
                    ["address1_city"] = Cities[random.Next(Cities.Length)],
                    ["numberofchildren"] = random.Next(0, 5),
                    ["donotemail"] = random.Next(10) == 0,
                    ["cat_score"] = (decimal)random.Next(0, 100),
                });
                if (i == Rows / 2) _someContact = id;
            }
            _service = _world.CreateService();

            _filtered = new QueryExpression("contact")
            {
                ColumnSet = new ColumnSet("lastname", "address1_city", "cat_score"),
                Criteria =
                {
                    Conditions =
                    {
                        new ConditionExpression("address1_city", ConditionOperator.Equal, "Berlin"),
                        new ConditionExpression("numberofchildren", ConditionOperator.GreaterEqual, 3),
                        new ConditionExpression("donotemail", ConditionOperator.Equal, false),
                    },
                },
            };

            // The platform aggregates at most 50,000 rows, so the aggregate filters the table down to the rows of
            // contacts without children or with one (about 40 %) and groups them by city.
            _aggregate = new FetchExpression(
                "<fetch aggregate='true'><entity name='contact'>" +
                "<attribute name='address1_city' alias='city' groupby='true' />" +
                "<attribute name='contactid' alias='contacts' aggregate='count' />" +
                "<attribute name='cat_score' alias='score' aggregate='avg' />" +
                "<filter><condition attribute='numberofchildren' operator='lt' value='2' /></filter>" +
                "</entity></fetch>");
        }

        [IterationSetup(Target = nameof(CreateThroughThreeStepPipeline))]
        public void SetupCreateWorld()
        {
            _createWorld = new InMemoryDataverse();
            for (var stage = 0; stage < 3; stage++)
            {
                _createWorld.RegisterStep(new PluginStep("Create", new NoOpPlugin())
                {
                    PrimaryEntity = "contact",
                    Stage = stage switch { 0 => PipelineStage.PreValidation, 1 => PipelineStage.PreOperation, _ => PipelineStage.PostOperation },
                });
            }
            _createService = _createWorld.CreateService();
        }

        /// <summary>One Create runs PreValidation, PreOperation and PostOperation no-op steps and commits.</summary>
        [Benchmark(OperationsPerInvoke = CreatesPerInvoke)]
        public Guid CreateThroughThreeStepPipeline()
        {
            var last = Guid.Empty;
            for (var i = 0; i < CreatesPerInvoke; i++)
            {
                last = _createService.Create(new Entity("contact") { ["lastname"] = "Kim", ["address1_city"] = "Berlin", ["numberofchildren"] = 2 });
            }
            return last;
        }

        [Benchmark]
        public Entity Retrieve() => _service.Retrieve("contact", _someContact, new ColumnSet("lastname", "address1_city", "cat_score"));

        [Benchmark]
        public int RetrieveMultipleWithThreeConditions() => _service.RetrieveMultiple(_filtered).Entities.Count;

        [Benchmark]
        public int GroupedFetchXmlAggregate() => _service.RetrieveMultiple(_aggregate).Entities.Count;

        private static Func<Guid> SequentialIds(int prefix)
        {
            var next = 0L;
            return () =>
            {
                next++;
                var bytes = new byte[16];
                BitConverter.GetBytes(next).CopyTo(bytes, 8);
                bytes[0] = (byte)prefix;
                return new Guid(bytes);
            };
        }

        private sealed class NoOpPlugin : IPlugin
        {
            public void Execute(IServiceProvider serviceProvider)
            {
                // What every plugin does first; the step itself adds no work, so the figure is the pipeline's own cost.
                serviceProvider.GetService(typeof(IPluginExecutionContext));
            }
        }
    }
}

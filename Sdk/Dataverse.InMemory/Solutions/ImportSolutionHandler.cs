using System;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Messages;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Solutions
{
    /// <summary>
    /// ImportSolution (Microsoft.Crm.Sdk.Messages.ImportSolutionRequest; Web API action ImportSolution): imports a
    /// solution zip and waits for it. A successful import leaves its import job (ImportJobId, when given); a failed one
    /// faults with the import's errors and, as its transaction rolls back, leaves nothing.
    /// </summary>
    internal sealed class ImportSolutionHandler : MessageHandler
    {
        private readonly SolutionServices solutions;

        public ImportSolutionHandler(SolutionServices solutions) => this.solutions = solutions;

        public override string RequestName => "ImportSolution";

        public override PrimaryRecord? Primary(ParameterCollection input) => null;

        public override void Execute(CoreOperation operation)
        {
            var job = ImportRun.Run(solutions, operation, operation.Input.TryGetValue("ImportJobId", out var id) && id is Guid g && g != Guid.Empty ? g : Guid.NewGuid());
            if (!job.Outcome.Succeeded)
            {
                throw DataverseFault.Create(ErrorCodes.InvalidArgument, "The import of the solution failed: " + string.Join(" ", job.Outcome.Errors));
            }
        }

        public override OrganizationResponse Respond(ParameterCollection output) => new() { ResponseName = RequestName };
    }

    /// <summary>
    /// ImportSolutionAsync: imports a solution zip as a system job and answers with the job's id and the import job's
    /// key. The in-memory Dataverse runs the import before it answers, so the first poll of the asyncoperation finds it
    /// completed (Succeeded, or Failed with the import job's errors in message and friendlymessage).
    /// </summary>
    internal sealed class ImportSolutionAsyncHandler : MessageHandler
    {
        private readonly SolutionServices solutions;

        public ImportSolutionAsyncHandler(SolutionServices solutions) => this.solutions = solutions;

        public override string RequestName => "ImportSolutionAsync";

        public override PrimaryRecord? Primary(ParameterCollection input) => null;

        public override void Execute(CoreOperation operation)
        {
            var importJobId = operation.Input.TryGetValue("ImportJobId", out var id) && id is Guid g && g != Guid.Empty ? g : Guid.NewGuid();
            var job = ImportRun.Run(solutions, operation, importJobId);
            var system = new Entity("asyncoperation")
            {
                ["name"] = "Import solution " + (job.SolutionName ?? ""),
                ["messagename"] = RequestName,
                ["startedon"] = job.Start,
                ["completedon"] = job.Stop,
                ["regardingobjectid"] = new EntityReference("importjob", importJobId),
            };
            if (!job.Outcome.Succeeded)
            {
                system["message"] = string.Join(Environment.NewLine, job.Outcome.Errors);
                system["friendlymessage"] = string.Join(" ", job.Outcome.Errors);
            }
            var service = ImportRun.Nested(operation);
            var asyncId = service.Create(system);
            // A row is created in its default state; the finished job then moves to Completed (3) with
            // Succeeded (30) or Failed (31), as asyncoperation's statuscode values say.
            service.Update(new Entity("asyncoperation", asyncId)
            {
                ["statecode"] = new OptionSetValue(3),
                ["statuscode"] = new OptionSetValue(job.Outcome.Succeeded ? 30 : 31),
            });
            operation.Output["AsyncOperationId"] = asyncId;
            operation.Output["ImportJobKey"] = importJobId.ToString("D");
        }

        public override OrganizationResponse Respond(ParameterCollection output)
        {
            var response = new OrganizationResponse { ResponseName = RequestName };
            response.Results["AsyncOperationId"] = output["AsyncOperationId"];
            response.Results["ImportJobKey"] = output["ImportJobKey"];
            return response;
        }
    }

    /// <summary>One import and its import job row, shared by the two import messages.</summary>
    internal sealed class ImportRun
    {
        /// <summary>The service the import writes through: the request's caller, in the request's transaction.</summary>
        public static IOrganizationService Nested(CoreOperation operation) =>
            new NestedService(operation.ExecuteNested);

        private ImportRun(ImportOutcome outcome, string? solutionName, DateTime start, DateTime stop)
        {
            Outcome = outcome;
            SolutionName = solutionName;
            Start = start;
            Stop = stop;
        }

        public ImportOutcome Outcome { get; }

        public string? SolutionName { get; }

        public DateTime Start { get; }

        public DateTime Stop { get; }

        public static ImportRun Run(SolutionServices solutions, CoreOperation operation, Guid importJobId)
        {
            if (!operation.Input.TryGetValue("CustomizationFile", out var file) || file is not byte[] zip) throw DataverseFault.MissingField("CustomizationFile");
            // A holding solution is staged for a later upgrade, a layer the in-memory Dataverse does not keep.
            if (operation.Input.TryGetValue("HoldingSolution", out var holding) && holding is true)
            {
                throw DataverseFault.Create(ErrorCodes.InvalidArgument, "HoldingSolution = true (staging an upgrade) is not supported by the in-memory Dataverse; import without it.");
            }
            var service = Nested(operation);
            var start = operation.World.Clock.UtcNow;
            var outcome = new SolutionImporter(solutions, operation.World.Metadata, operation.World.Clock, service).Import(zip);
            string? name = null;
            try
            {
                name = SolutionPackage.Read(zip).UniqueName;
            }
            catch (SolutionPackageException)
            {
                // The outcome already carries why the file could not be read.
            }
            var stop = operation.World.Clock.UtcNow;
            service.Create(new Entity("importjob", importJobId)
            {
                ["name"] = "Customizations",
                ["solutionname"] = name,
                ["progress"] = 100d,
                ["startedon"] = start,
                ["completedon"] = stop,
                ["data"] = SolutionImporter.JobData(name, outcome, start, stop),
            });
            return new ImportRun(outcome, name, start, stop);
        }
    }
}

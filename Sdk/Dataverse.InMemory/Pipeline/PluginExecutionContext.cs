using System;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Pipeline
{
    /// <summary>
    /// The IPluginExecutionContext a plugin receives, filled as the platform fills it. One object serves all steps
    /// of a stage group (so SharedVariables flow between them); the pipeline sets Stage, Mode, UserId, images and
    /// OwningExtension before each step.
    /// </summary>
    public sealed class PluginExecutionContext : IPluginExecutionContext
    {
        internal PluginExecutionContext()
        {
        }

        public int Mode { get; internal set; }

        /// <summary>2 = Sandbox: Dataverse runs every plugin isolated.</summary>
        public int IsolationMode { get; internal set; } = 2;

        public int Depth { get; internal set; }

        public string MessageName { get; internal set; } = "";

        public string PrimaryEntityName { get; internal set; } = "none";

        public Guid? RequestId { get; internal set; }

        public string SecondaryEntityName { get; internal set; } = "none";

        public ParameterCollection InputParameters { get; internal set; } = new();

        public ParameterCollection OutputParameters { get; internal set; } = new();

        public ParameterCollection SharedVariables { get; internal set; } = new();

        public Guid UserId { get; internal set; }

        public Guid InitiatingUserId { get; internal set; }

        public Guid BusinessUnitId { get; internal set; }

        public Guid OrganizationId { get; internal set; }

        public string OrganizationName { get; internal set; } = "";

        public Guid PrimaryEntityId { get; internal set; }

        public EntityImageCollection PreEntityImages { get; internal set; } = new();

        public EntityImageCollection PostEntityImages { get; internal set; } = new();

        public EntityReference? OwningExtension { get; internal set; }

        public Guid CorrelationId { get; internal set; }

        public bool IsExecutingOffline => false;

        public bool IsOfflinePlayback => false;

        public bool IsInTransaction { get; internal set; }

        public Guid OperationId { get; internal set; }

        public DateTime OperationCreatedOn { get; internal set; }

        public int Stage { get; internal set; }

        public IPluginExecutionContext? ParentContext { get; internal set; }

        /// <summary>The user who sent the request; a step's UserId unless the step runs in another user's context.</summary>
        internal Guid CallerUserId { get; set; }

        /// <summary>The transaction plugin calls join; null outside one (top-level PreValidation, async steps).</summary>
        internal StoreTransaction? Transaction { get; set; }

        /// <summary>A new context for the same operation (same ids, user, depth); parameters are shared, not copied.</summary>
        internal PluginExecutionContext Sibling() => new()
        {
            Mode = Mode,
            Depth = Depth,
            MessageName = MessageName,
            PrimaryEntityName = PrimaryEntityName,
            PrimaryEntityId = PrimaryEntityId,
            SecondaryEntityName = SecondaryEntityName,
            RequestId = RequestId,
            InputParameters = InputParameters,
            OutputParameters = OutputParameters,
            UserId = UserId,
            CallerUserId = CallerUserId,
            InitiatingUserId = InitiatingUserId,
            BusinessUnitId = BusinessUnitId,
            OrganizationId = OrganizationId,
            OrganizationName = OrganizationName,
            CorrelationId = CorrelationId,
            OperationId = OperationId,
            OperationCreatedOn = OperationCreatedOn,
            IsInTransaction = IsInTransaction,
            Transaction = Transaction,
        };

        /// <summary>
        /// The context an asynchronous step gets: a snapshot taken when the operation ran, outside any
        /// transaction, with its own copies of parameters, shared variables and images.
        /// </summary>
        internal PluginExecutionContext SnapshotForAsync(PluginStep step, EntityImageCollection pre, EntityImageCollection post, Guid operationId)
        {
            var snapshot = Sibling();
            snapshot.InputParameters = CopyParameters(InputParameters);
            snapshot.OutputParameters = CopyParameters(OutputParameters);
            snapshot.SharedVariables = CopyParameters(SharedVariables);
            snapshot.PreEntityImages = pre;
            snapshot.PostEntityImages = post;
            snapshot.Mode = (int)StepMode.Asynchronous;
            snapshot.Stage = (int)PipelineStage.PostOperation;
            snapshot.IsInTransaction = false;
            snapshot.Transaction = null;
            snapshot.ParentContext = ParentContext;
            snapshot.OperationId = operationId;
            snapshot.OwningExtension = new EntityReference("sdkmessageprocessingstep", step.Id);
            snapshot.UserId = step.ImpersonatingUserId ?? CallerUserId;
            return snapshot;
        }

        internal static ParameterCollection CopyParameters(ParameterCollection source)
        {
            var copy = new ParameterCollection();
            foreach (var parameter in source) copy[parameter.Key] = ValueCopier.CopyValue(parameter.Value);
            return copy;
        }
    }
}

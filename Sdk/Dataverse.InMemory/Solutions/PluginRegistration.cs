using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Solutions
{
    /// <summary>
    /// Plug-in registration as data, as Dataverse keeps it: the sdkmessage and sdkmessagefilter rows of the messages
    /// the in-memory Dataverse knows, and sdkmessageprocessingstep(image) rows that are the registered steps. Once
    /// enabled (<see cref="InMemoryDataverse.EnablePluginRegistration"/>), creating, updating, disabling or deleting a
    /// step or image row — through the service, the Web API or a solution import — registers, changes or removes the
    /// step in the pipeline, so a client registers steps exactly as it would on an org.
    /// </summary>
    /// <remarks>
    /// Simulated: a plug-in type row names a type by its type and assembly name; the in-memory Dataverse does not load
    /// the assembly's bytes but resolves the type among the assemblies of the process (or with the given resolver).
    /// The pipeline's registry is updated when the row is written, not when the transaction commits.
    /// </remarks>
    public sealed class PluginRegistration
    {
        /// <summary>
        /// sdkmessageid of the platform messages whose ids Microsoft documents and real solution exports show; they are
        /// the same in every environment (see Tools/CrmAttention.SolutionBuilder/Packaging/SdkMessages.cs for sources).
        /// </summary>
        internal static readonly IReadOnlyDictionary<string, Guid> DocumentedMessageIds = new Dictionary<string, Guid>(StringComparer.Ordinal)
        {
            ["Assign"] = new Guid("8cbdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["Create"] = new Guid("9ebdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["Delete"] = new Guid("a1bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["Retrieve"] = new Guid("f2bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["RetrieveMultiple"] = new Guid("03bebb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["SetState"] = new Guid("1cbebb1b-ea3e-db11-86a7-000a3a5473e8"),
            ["Update"] = new Guid("20bebb1b-ea3e-db11-86a7-000a3a5473e8"),
        };

        // Messages with a filter per table; Send is email's own.
        private static readonly string[] TableMessages = { "Assign", "Create", "Delete", "Retrieve", "RetrieveMultiple", "SetState", "Update" };

        private readonly InMemoryDataverse world;
        private readonly Func<string, string, Type?> resolveType;

        internal PluginRegistration(InMemoryDataverse world, Func<string, string, Type?>? resolveType)
        {
            this.world = world;
            this.resolveType = resolveType ?? ResolveLoadedType;
        }

        /// <summary>
        /// The in-memory Dataverse's id of a message Microsoft does not document (Send, for one): a name-based id of its
        /// own. A real environment has its own id; clients read it from sdkmessages, as they must on an org.
        /// </summary>
        public static Guid MessageId(string message) =>
            DocumentedMessageIds.TryGetValue(message, out var id) ? id : NameGuid("sdkmessage:" + message);

        internal static Guid FilterId(Guid messageId, string table) => NameGuid("sdkmessagefilter:" + messageId.ToString("D") + ":" + table);

        /// <summary>The plug-in type for a type name and assembly name, or null.</summary>
        public Type? ResolveType(string typeName, string assemblyName)
        {
            var type = resolveType(typeName, assemblyName);
            return type != null && typeof(IPlugin).IsAssignableFrom(type) ? type : null;
        }

        internal void Enable()
        {
            SeedMessages();
            var sync = new RegistrationSync(this);
            foreach (var message in new[] { "Create", "Update", "Delete" })
            {
                foreach (var table in new[] { "sdkmessageprocessingstep", "sdkmessageprocessingstepimage" })
                {
                    world.RegisterStep(new PluginStep(message, sync)
                    {
                        Id = NameGuid("registration-sync:" + message + ":" + table),
                        Name = $"In-memory Dataverse: keep the pipeline in step with {table} ({message})",
                        PrimaryEntity = table,
                        Stage = PipelineStage.PostOperation,
                        // A deleted image's step is read from the image before it was deleted.
                        Images = message == "Delete" && table == "sdkmessageprocessingstepimage"
                            ? new[] { new StepImage(ImageType.PreImage, "pre", "sdkmessageprocessingstepid") }
                            : Array.Empty<StepImage>(),
                    });
                }
            }
        }

        private void SeedMessages()
        {
            var names = TableMessages.Append("Send").ToList();
            foreach (var name in names)
            {
                var id = MessageId(name);
                if (world.Get("sdkmessage", id) != null) continue;
                world.Seed(new Entity("sdkmessage", id) { ["name"] = name, ["categoryname"] = name == "Send" ? "Email" : "Standard", ["isprivate"] = false }, world.SystemUserId);
            }
            foreach (var name in TableMessages)
            {
                foreach (var table in world.Metadata.Tables.Select(t => t.LogicalName).OrderBy(t => t, StringComparer.Ordinal)) SeedFilter(name, table);
            }
            SeedFilter("Send", "email");
        }

        private void SeedFilter(string message, string table)
        {
            var messageId = MessageId(message);
            var id = FilterId(messageId, table);
            if (world.Get("sdkmessagefilter", id) != null) return;
            world.Seed(new Entity("sdkmessagefilter", id)
            {
                ["name"] = message + " of " + table,
                ["sdkmessageid"] = new EntityReference("sdkmessage", messageId),
                ["primaryobjecttypecode"] = table,
                ["secondaryobjecttypecode"] = "none",
                ["iscustomprocessingstepallowed"] = true,
            }, world.SystemUserId);
        }

        /// <summary>Registers, replaces or removes the pipeline's step for the step row <paramref name="stepId"/>.</summary>
        internal void Sync(IOrganizationService system, Guid stepId)
        {
            world.UnregisterStep(stepId);
            var row = RetrieveOrNull(system, "sdkmessageprocessingstep", stepId);
            // statecode 1 = Disabled: a disabled step does not run.
            if (row == null || row.GetAttributeValue<OptionSetValue>("statecode")?.Value == 1) return;
            world.RegisterStep(StepOf(system, row));
        }

        private PluginStep StepOf(IOrganizationService system, Entity row)
        {
            var name = row.GetAttributeValue<string>("name") ?? row.Id.ToString();
            var messageRef = row.GetAttributeValue<EntityReference>("sdkmessageid")
                ?? throw Invalid($"The step '{name}' has no sdkmessageid.");
            var message = RetrieveOrNull(system, "sdkmessage", messageRef.Id)?.GetAttributeValue<string>("name")
                ?? throw Invalid($"The step '{name}' names the message {messageRef.Id}, which this organization does not have.");
            string? table = null;
            if (row.GetAttributeValue<EntityReference>("sdkmessagefilterid") is { } filterRef)
            {
                var filter = RetrieveOrNull(system, "sdkmessagefilter", filterRef.Id)
                    ?? throw Invalid($"The step '{name}' names the message filter {filterRef.Id}, which this organization does not have.");
                table = filter.GetAttributeValue<string>("primaryobjecttypecode");
                if (table == "none") table = null;
            }
            var typeRef = row.GetAttributeValue<EntityReference>("eventhandler") ?? row.GetAttributeValue<EntityReference>("plugintypeid")
                ?? throw Invalid($"The step '{name}' has no event handler (eventhandler_plugintype@odata.bind).");
            if (typeRef.LogicalName != "plugintype") throw Unsupported($"The step '{name}' has a {typeRef.LogicalName} event handler; the in-memory Dataverse runs plug-in types only.");
            var typeRow = RetrieveOrNull(system, "plugintype", typeRef.Id)
                ?? throw Invalid($"The step '{name}' names the plug-in type {typeRef.Id}, which this organization does not have.");
            var typeName = typeRow.GetAttributeValue<string>("typename") ?? "";
            var assemblyName = typeRow.GetAttributeValue<string>("assemblyname") ?? "";
            var type = ResolveType(typeName, assemblyName)
                ?? throw Invalid($"The plug-in type '{typeName}' of assembly '{assemblyName}' is not loaded in this process (the in-memory Dataverse resolves plug-in types by name).");
            var stage = row.GetAttributeValue<OptionSetValue>("stage")?.Value ?? 0;
            if (stage is not (10 or 20 or 40)) throw Unsupported($"The step '{name}' is at stage {stage}; steps register at 10 (PreValidation), 20 (PreOperation) or 40 (PostOperation).");
            var images = system.RetrieveMultiple(new QueryExpression("sdkmessageprocessingstepimage")
            {
                ColumnSet = new ColumnSet("entityalias", "imagetype", "messagepropertyname", "attributes"),
                Criteria = { Conditions = { new ConditionExpression("sdkmessageprocessingstepid", ConditionOperator.Equal, row.Id) } },
                Orders = { new OrderExpression("entityalias", OrderType.Ascending) },
            }).Entities.Select(i => new StepImage((ImageType)(i.GetAttributeValue<OptionSetValue>("imagetype")?.Value ?? 0), i.GetAttributeValue<string>("entityalias") ?? "",
                Split(i.GetAttributeValue<string>("attributes")))
            {
                MessagePropertyName = i.GetAttributeValue<string>("messagepropertyname"),
            }).ToArray();
            return new PluginStep(message, type)
            {
                Id = row.Id,
                Name = name,
                PrimaryEntity = table,
                Stage = (PipelineStage)stage,
                Mode = (StepMode)(row.GetAttributeValue<OptionSetValue>("mode")?.Value ?? 0),
                Rank = row.GetAttributeValue<int?>("rank") ?? 1,
                FilteringAttributes = Split(row.GetAttributeValue<string>("filteringattributes")),
                UnsecureConfiguration = row.GetAttributeValue<string>("configuration"),
                ImpersonatingUserId = row.GetAttributeValue<EntityReference>("impersonatinguserid")?.Id,
                DeleteAsyncOperationOnSuccess = row.GetAttributeValue<bool?>("asyncautodelete") ?? false,
                Images = images,
            };
        }

        private static string[] Split(string? list) =>
            string.IsNullOrWhiteSpace(list) ? Array.Empty<string>() : list.Split(',').Select(a => a.Trim()).Where(a => a.Length > 0).ToArray();

        internal static Entity? RetrieveOrNull(IOrganizationService service, string table, Guid id)
        {
            var rows = service.RetrieveMultiple(new QueryExpression(table)
            {
                ColumnSet = new ColumnSet(true),
                Criteria = { Conditions = { new ConditionExpression(table + "id", ConditionOperator.Equal, id) } },
            });
            return rows.Entities.FirstOrDefault();
        }

        private static Type? ResolveLoadedType(string typeName, string assemblyName) =>
            AppDomain.CurrentDomain.GetAssemblies()
                .Where(a => string.Equals(a.GetName().Name, assemblyName, StringComparison.OrdinalIgnoreCase))
                .Select(a => a.GetType(typeName, throwOnError: false))
                .FirstOrDefault(t => t != null);

        private static InvalidPluginExecutionException Invalid(string message) => new(message);

        private static InvalidPluginExecutionException Unsupported(string message) => new(message);

        /// <summary>A name-based GUID (MD5 of the name, version bits set as RFC 4122 version 3), stable across runs.</summary>
        private static Guid NameGuid(string name)
        {
            var hash = MD5.HashData(Encoding.UTF8.GetBytes("Dataverse.InMemory/" + name));
            hash[6] = (byte)((hash[6] & 0x0F) | 0x30);
            hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
            return new Guid(hash);
        }

        /// <summary>The platform's side of a step or image row being written: the pipeline follows the row.</summary>
        private sealed class RegistrationSync : IPlugin
        {
            private readonly PluginRegistration registration;

            public RegistrationSync(PluginRegistration registration) => this.registration = registration;

            public void Execute(IServiceProvider serviceProvider)
            {
                var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
                var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
                var system = factory.CreateOrganizationService(null);
                Guid stepId;
                if (context.PrimaryEntityName == "sdkmessageprocessingstep")
                {
                    stepId = context.PrimaryEntityId;
                }
                else if (context.MessageName == "Delete")
                {
                    stepId = context.PreEntityImages.TryGetValue("pre", out var pre) ? pre.GetAttributeValue<EntityReference>("sdkmessageprocessingstepid")?.Id ?? Guid.Empty : Guid.Empty;
                }
                else
                {
                    stepId = RetrieveOrNull(system, "sdkmessageprocessingstepimage", context.PrimaryEntityId)?.GetAttributeValue<EntityReference>("sdkmessageprocessingstepid")?.Id ?? Guid.Empty;
                }
                if (stepId != Guid.Empty) registration.Sync(system, stepId);
            }
        }
    }
}

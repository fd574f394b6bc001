using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Dataverse.InMemory.Diagnostics;
using Dataverse.InMemory.Faults;
using Dataverse.InMemory.Messages;
using Dataverse.InMemory.Metadata;
using Dataverse.InMemory.Pipeline;
using Dataverse.InMemory.Platform;
using Dataverse.InMemory.Query;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory
{
    /// <summary>
    /// A Dataverse organization in memory: tables, the organization service, the plugin pipeline, system jobs and
    /// a settable clock. A test creates one, registers the plugin steps, arranges rows and users, calls
    /// <see cref="CreateService()"/> and asserts on what the service returns and stores.
    /// <code>
    /// var dataverse = new InMemoryDataverse(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc));
    /// dataverse.RegisterStepsFrom(typeof(MyPlugin).Assembly);
    /// var service = dataverse.CreateService(dataverse.CreateUser("Dana Seller"));
    /// var id = service.Create(new Entity("contact") { ["lastname"] = "Kim" });
    /// dataverse.DrainAsyncQueue();
    /// </code>
    /// </summary>
    public sealed class InMemoryDataverse
    {
        /// <summary>The instant a new organization's clock starts at when none is given.</summary>
        public static readonly DateTime DefaultStart = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

        private Func<Guid> idGenerator = Guid.NewGuid;

        public InMemoryDataverse()
            : this(DefaultStart)
        {
        }

        public InMemoryDataverse(DateTime utcNow)
        {
            Clock = new DataverseClock(utcNow);
            Metadata = new MetadataCatalog();
            Instrumentation = new Instrumentation();
            Store = new RowStore();
            Records = new Records(Store, Metadata, Clock, () => NewId());
            Pipeline = new PluginPipeline(this);

            // teammembership is the platform's N:N between users and teams; plugins query it to find a user's teams.
            Metadata.AddRelationship(new ManyToManyRelationship("teammembership_association", "teammembership", "systemuser", "systemuserid", "team", "teamid"));

            OrganizationId = NewId();
            RootBusinessUnitId = NewId();
            SystemUserId = NewId();
            SeedPlatformRow(new Entity("organization", OrganizationId) { ["name"] = OrganizationName, ["languagecode"] = 1033 }, SystemUserId);
            SeedPlatformRow(new Entity("businessunit", RootBusinessUnitId) { ["name"] = OrganizationName }, SystemUserId);
            AddUser(SystemUserId, "SYSTEM", null, RootBusinessUnitId, null);
            DefaultUserId = CreateUser("Test User", "test.user@example.com");
        }

        /// <summary>The clock every timestamp and relative-date query reads; tests set and advance it.</summary>
        public DataverseClock Clock { get; }

        /// <summary>Optional table and relationship metadata; tables listed here are strict.</summary>
        public MetadataCatalog Metadata { get; }

        /// <summary>Per-request plugin call counts and step times, and the captured plugin traces.</summary>
        public Instrumentation Instrumentation { get; }

        public Guid OrganizationId { get; }

        public string OrganizationName => "InMemory";

        public Guid RootBusinessUnitId { get; }

        /// <summary>The SYSTEM user (what CreateOrganizationService(null) runs as inside a plugin).</summary>
        public Guid SystemUserId { get; }

        /// <summary>A licensed user in the root business unit, used by <see cref="CreateService()"/>.</summary>
        public Guid DefaultUserId { get; }

        /// <summary>
        /// How long a writer waits for a row another transaction has locked before failing with the SQL timeout
        /// fault (-2147204783). Default 30 seconds; concurrency tests shorten it.
        /// </summary>
        public TimeSpan LockTimeout
        {
            get => Store.LockTimeout;
            set => Store.LockTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The lock timeout must be positive.");
        }

        /// <summary>When true, queries on tables that are neither in the metadata nor platform tables fault as unknown tables.</summary>
        public bool RejectUnknownTables { get; set; }

        /// <summary>Generates ids for new rows; replace it for reproducible ids (e.g. a seeded simulation).</summary>
        public Func<Guid> IdGenerator
        {
            get => idGenerator;
            set => idGenerator = value ?? throw new ArgumentNullException(nameof(value));
        }

        /// <summary>Registered steps, in registration order.</summary>
        public IReadOnlyList<PluginStep> Steps => Pipeline.Steps;

        /// <summary>Asynchronous steps queued and not yet run.</summary>
        public int PendingAsyncJobs => Pipeline.PendingAsyncJobs;

        /// <summary>Every asynchronous job that ran, with its outcome.</summary>
        public IReadOnlyList<AsyncJob> AsyncJobs => Pipeline.AsyncJobs;

        internal RowStore Store { get; }

        internal Records Records { get; }

        internal PluginPipeline Pipeline { get; }

        /// <summary>A service for <see cref="DefaultUserId"/>.</summary>
        public InMemoryOrganizationService CreateService() => CreateService(DefaultUserId);

        /// <summary>A service whose requests run as <paramref name="userId"/> (a systemuser of this organization).</summary>
        public InMemoryOrganizationService CreateService(Guid userId)
        {
            if (Store.Get("systemuser", userId) == null) throw new ArgumentException($"There is no systemuser {userId:D}; create it with CreateUser first.", nameof(userId));
            return new InMemoryOrganizationService(this, new CallerScope { UserId = userId, InitiatingUserId = userId });
        }

        public void RegisterStep(PluginStep step) => Pipeline.Register(step ?? throw new ArgumentNullException(nameof(step)));

        public void RegisterSteps(IEnumerable<PluginStep> steps)
        {
            foreach (var step in steps) RegisterStep(step);
        }

        /// <summary>
        /// Registers every step declared with PluginStepAttribute in <paramref name="assembly"/> (stage 30
        /// declarations register custom APIs). Returns the steps.
        /// </summary>
        public IReadOnlyList<PluginStep> RegisterStepsFrom(Assembly assembly, Func<Guid, string?>? secureConfiguration = null)
        {
            var steps = StepDeclarationReader.Read(assembly, secureConfiguration);
            RegisterSteps(steps);
            return steps;
        }

        /// <summary>Removes a registered step; false when no step has this id.</summary>
        public bool UnregisterStep(Guid stepId) => Pipeline.Unregister(stepId);

        /// <summary>Plug-in registration as data, once <see cref="EnablePluginRegistration"/> has run; otherwise null.</summary>
        public Solutions.PluginRegistration? Registration { get; private set; }

        /// <summary>
        /// Makes plug-in registration data-driven, as on an org: seeds the sdkmessage and sdkmessagefilter rows, and from
        /// then on sdkmessageprocessingstep(image) rows — written by a client, the Web API or ImportSolution — register
        /// their steps. Plug-in types are resolved by type and assembly name with <paramref name="resolveType"/>
        /// (default: among the assemblies loaded in this process). Needs the registration tables in the metadata.
        /// </summary>
        public Solutions.PluginRegistration EnablePluginRegistration(Func<string, string, Type?>? resolveType = null)
        {
            if (Registration != null) return Registration;
            foreach (var table in new[] { "sdkmessage", "sdkmessagefilter", "sdkmessageprocessingstep", "sdkmessageprocessingstepimage", "plugintype" })
            {
                if (Metadata.Table(table) == null) throw new InvalidOperationException($"Plug-in registration needs the metadata of the table '{table}'; load the solution's metadata.json first.");
            }
            var registration = new Solutions.PluginRegistration(this, resolveType);
            registration.Enable();
            Registration = registration;
            return registration;
        }

        /// <summary>Registers a custom API message implemented by <paramref name="pluginType"/> (runs at stage 30).</summary>
        public void RegisterCustomApi(string uniqueName, Type pluginType, params string[] requiredParameters) =>
            Pipeline.RegisterCustomApi(new CustomApi(uniqueName, new PluginStep(uniqueName, pluginType) { Stage = PipelineStage.MainOperation }) { RequiredParameters = requiredParameters });

        public void RegisterCustomApi(CustomApi api) => Pipeline.RegisterCustomApi(api ?? throw new ArgumentNullException(nameof(api)));

        /// <summary>
        /// Runs the queued asynchronous steps in order, and the ones they queue, until none is left. Each runs
        /// outside any transaction; a failure is recorded on the job (and as an asyncoperation row) and stops nothing.
        /// </summary>
        public IReadOnlyList<AsyncJob> DrainAsyncQueue() => Pipeline.DrainAsyncQueue();

        /// <summary>
        /// Runs one plugin directly with the context described by <paramref name="invocation"/> — the
        /// "context → Execute → assert" tier of plugin tests. The plugin's service calls go through the pipeline and
        /// its transaction commits only when it succeeds. Returns the context, whose Target, OutputParameters and
        /// SharedVariables show what the plugin changed.
        /// </summary>
        public PluginExecutionContext ExecutePlugin(IPlugin plugin, PluginInvocation invocation) =>
            Pipeline.ExecutePlugin(plugin ?? throw new ArgumentNullException(nameof(plugin)), invocation ?? throw new ArgumentNullException(nameof(invocation)));

        /// <summary>Loads the solution builder's metadata.json; the tables in it become strict.</summary>
        public void LoadMetadata(string json) => Metadata.LoadJson(json);

        // ── Arranging data: written directly, as if it existed before the test; no steps run ──

        /// <summary>Creates a user (systemuser) with user settings in UI language 1033; returns its id.</summary>
        public Guid CreateUser(string fullName, string? email = null, Guid? businessUnitId = null, Guid? id = null)
        {
            var userId = id ?? NewId();
            AddUser(userId, fullName, email, businessUnitId ?? RootBusinessUnitId, null);
            return userId;
        }

        /// <summary>
        /// Creates an application user (systemuser with applicationid set, access mode non-interactive), as the
        /// identity integrations, flows and sequences call the service with.
        /// </summary>
        public Guid CreateApplicationUser(string name, Guid applicationId, Guid? businessUnitId = null, Guid? id = null)
        {
            var userId = id ?? NewId();
            AddUser(userId, name, null, businessUnitId ?? RootBusinessUnitId, applicationId);
            return userId;
        }

        public Guid CreateBusinessUnit(string name, Guid? parentBusinessUnitId = null, Guid? id = null) =>
            SeedPlatformRow(new Entity("businessunit", id ?? NewId())
            {
                ["name"] = name,
                ["parentbusinessunitid"] = new EntityReference("businessunit", parentBusinessUnitId ?? RootBusinessUnitId),
            }, SystemUserId);

        /// <summary>Creates an owner team; returns its id.</summary>
        public Guid CreateTeam(string name, Guid? businessUnitId = null, Guid? id = null) =>
            SeedPlatformRow(new Entity("team", id ?? NewId())
            {
                ["name"] = name,
                ["businessunitid"] = new EntityReference("businessunit", businessUnitId ?? RootBusinessUnitId),
                ["teamtype"] = new OptionSetValue(0),
                ["isdefault"] = false,
            }, SystemUserId);

        /// <summary>Adds users to a team (teammembership rows).</summary>
        public void AddTeamMembers(Guid teamId, params Guid[] userIds)
        {
            var tx = Store.Begin();
            try
            {
                if (tx.Get("team", teamId) == null) throw DataverseFault.DoesNotExist("team", teamId);
                foreach (var userId in userIds)
                {
                    if (tx.Get("systemuser", userId) == null) throw DataverseFault.DoesNotExist("systemuser", userId);
                    var id = NewId();
                    var row = Records.OnlyKnownColumns(new Entity("teammembership", id) { ["teammembershipid"] = id, ["systemuserid"] = userId, ["teamid"] = teamId });
                    row["versionnumber"] = Store.NextVersion();
                    tx.Lock("teammembership", id);
                    tx.Put(row);
                }
                tx.Commit();
            }
            catch
            {
                tx.Rollback();
                throw;
            }
        }

        /// <summary>Sets a user's UI language (usersettings.uilanguageid), e.g. 1031 for German.</summary>
        public void SetUserLanguage(Guid userId, int languageCode)
        {
            var settings = Store.Get("usersettings", userId) ?? throw DataverseFault.DoesNotExist("usersettings", userId);
            var tx = Store.Begin();
            Records.Update(tx, Records.OnlyKnownColumns(new Entity("usersettings", settings.Id) { ["uilanguageid"] = languageCode }), SystemUserId, ConcurrencyBehavior.Default);
            tx.Commit();
        }

        /// <summary>
        /// Writes a row with the platform's columns (ids, timestamps, owner, state, version) but without running any
        /// step — for data that exists before the test. Unlike Create, a statecode/statuscode in the row is applied
        /// (the row was created and later closed), so completed activities of the past can be arranged. Returns the id.
        /// </summary>
        public Guid Seed(Entity entity, Guid? asUserId = null)
        {
            if (entity == null) throw new ArgumentNullException(nameof(entity));
            var user = asUserId ?? DefaultUserId;
            var tx = Store.Begin();
            try
            {
                var id = Records.Create(tx, entity, user);
                if (entity.Contains("statecode") && entity["statecode"] is OptionSetValue state && state.Value != 0)
                {
                    var close = new Entity(entity.LogicalName, id) { ["statecode"] = new OptionSetValue(state.Value) };
                    if (entity.Contains("statuscode") && entity["statuscode"] is OptionSetValue status) close["statuscode"] = new OptionSetValue(status.Value);
                    Records.Update(tx, close, user, ConcurrencyBehavior.Default);
                }
                tx.Commit();
                return id;
            }
            catch
            {
                tx.Rollback();
                throw;
            }
        }

        /// <summary>A copy of a committed row with all its columns, or null. For assertions.</summary>
        public Entity? Get(string logicalName, Guid id)
        {
            var row = Store.Get(logicalName, id);
            return row == null ? null : Records.Project(row, new ColumnSet(true));
        }

        /// <summary>Copies of all committed rows of a table. For assertions.</summary>
        public IReadOnlyList<Entity> Rows(string logicalName) =>
            Store.Scan(logicalName).Select(row => Records.Project(row, new ColumnSet(true))).ToList();

        internal Guid NewId() => idGenerator();

        internal EntityCollection Query(IRowReader reader, QueryBase query, Guid userId)
        {
            var context = new QueryContext
            {
                UtcNow = Clock.UtcNow,
                UserId = userId,
                BusinessUnitId = BusinessUnitOf(reader, userId),
                UserTeamIds = reader.Scan("teammembership")
                    .Where(m => m.GetAttributeValue<Guid>("systemuserid") == userId)
                    .Select(m => m.GetAttributeValue<Guid>("teamid"))
                    .ToArray(),
                LanguageCode = LanguageOf(reader, userId),
                ChoiceLabel = ChoiceLabel,
            };
            return new QueryEngine(new TransactionalDataSource(reader, Metadata, RejectUnknownTables)).Execute(query, context);
        }

        // Labels of choices come from the metadata (the query engine orders choice columns by label, as Dataverse does).
        private string? ChoiceLabel(string table, string column, int value) =>
            Metadata.Table(table)?.Column(column)?.Options.FirstOrDefault(o => o.Value == value)?.Label;

        /// <summary>The user's UI language (usersettings.uilanguageid), 1033 when unknown.</summary>
        internal int LanguageOf(IRowReader reader, Guid userId) =>
            reader.Get("usersettings", userId)?.GetAttributeValue<int?>("uilanguageid") ?? 1033;

        internal Guid BusinessUnitOf(IRowReader reader, Guid userId) =>
            reader.Get("systemuser", userId)?.GetAttributeValue<EntityReference>("businessunitid")?.Id ?? RootBusinessUnitId;

        internal string? UserName(IRowReader reader, Guid userId) =>
            reader.Get("systemuser", userId)?.GetAttributeValue<string>("fullname");

        /// <summary>Writes the asyncoperation row of a finished job: failures always, successes when the step keeps them.</summary>
        internal void RecordSystemJob(AsyncJob job)
        {
            var context = job.Context;
            var row = new Entity("asyncoperation", job.Id)
            {
                ["asyncoperationid"] = job.Id,
                ["name"] = job.Step.DisplayName,
                ["operationtype"] = new OptionSetValue(1),
                ["statecode"] = new OptionSetValue(3),
                ["statuscode"] = new OptionSetValue((int)job.Status),
                ["message"] = job.Message,
                ["friendlymessage"] = job.Message,
                ["correlationid"] = context.CorrelationId,
                ["depth"] = context.Depth,
                ["retrycount"] = job.Attempts - 1,
                ["primaryentitytype"] = context.PrimaryEntityName,
                ["messagename"] = context.MessageName,
                ["owningextensionid"] = new EntityReference("sdkmessageprocessingstep", job.Step.Id),
                ["createdon"] = job.CreatedOn,
                ["startedon"] = job.CreatedOn,
                ["completedon"] = job.CompletedOn,
                ["ownerid"] = new EntityReference("systemuser", context.UserId),
                ["versionnumber"] = Store.NextVersion(),
            };
            if (context.PrimaryEntityId != Guid.Empty && context.PrimaryEntityName != "none")
            {
                row["regardingobjectid"] = new EntityReference(context.PrimaryEntityName, context.PrimaryEntityId);
            }
            foreach (var key in row.Attributes.Where(a => a.Value == null).Select(a => a.Key).ToList()) row.Attributes.Remove(key);
            Store.PutCommitted(row);
        }

        // Platform rows keep to the columns strict metadata lists (see Records.OnlyKnownColumns).
        private Guid SeedPlatformRow(Entity row, Guid asUserId) => Seed(Records.OnlyKnownColumns(row), asUserId);

        private void AddUser(Guid userId, string fullName, string? email, Guid businessUnitId, Guid? applicationId)
        {
            if (Store.Get("businessunit", businessUnitId) == null) throw DataverseFault.DoesNotExist("businessunit", businessUnitId);
            var parts = fullName.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            var user = new Entity("systemuser", userId)
            {
                ["fullname"] = fullName,
                ["firstname"] = parts.Length > 1 ? parts[0] : null,
                ["lastname"] = parts.Length > 1 ? parts[1] : fullName,
                ["businessunitid"] = new EntityReference("businessunit", businessUnitId),
                ["isdisabled"] = false,
                ["islicensed"] = applicationId == null,
                // accessmode 4 = Non-interactive: application users cannot sign in interactively.
                ["accessmode"] = new OptionSetValue(applicationId == null ? 0 : 4),
            };
            if (email != null)
            {
                user["internalemailaddress"] = email;
                user["domainname"] = email;
            }
            if (applicationId != null) user["applicationid"] = applicationId.Value;
            SeedPlatformRow(user, SystemUserId);
            SeedPlatformRow(new Entity("usersettings", userId)
            {
                ["systemuserid"] = userId,
                ["uilanguageid"] = 1033,
                ["helplanguageid"] = 1033,
                ["localeid"] = 1033,
                ["timezonecode"] = 85,
            }, SystemUserId);
        }
    }
}

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
using Dataverse.InMemory.Security;
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
    /// var dataverse = new InMemoryDataverse(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc)) { StepDiscovery = myStepDiscovery };
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

        private readonly Organization organization;
        private readonly CoreServices core;
        private readonly StepRegistry steps;
        private readonly MessageHandlers handlers;
        private readonly AsyncQueue asyncQueue;
        private readonly DirectExecution directExecution;
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
            Func<Guid> newId = () => NewId();
            Records = new Records(Store, Metadata, Clock, newId);
            organization = new Organization(NewId(), "InMemory", rootBusinessUnitId: NewId(), systemUserId: NewId(), defaultUserId: NewId());
            core = new CoreServices(Records, Metadata, Clock, organization, Store, newId);
            Security = new DataverseSecurity(Metadata, Store, Records, organization, newId);
            core.SecureQuerySource = Security.Secure;

            // The parts of the pipeline, each given only what it works with.
            steps = new StepRegistry();
            // The solution messages register custom APIs in the handler table, which exists once they are built.
            var solutions = new Solutions.SolutionServices(() => Registration, api => handlers!.RegisterCustomApi(api));
            handlers = new MessageHandlers(
                new MessageHandler[]
                {
                    new CreateHandler(), new RetrieveHandler(), new UpdateHandler(), new DeleteHandler(), new RetrieveMultipleHandler(),
                    new UpsertHandler(), new AssociateHandler(associate: true), new AssociateHandler(associate: false),
                    new SendEmailHandler(), new WhoAmIHandler(),
                    new RetrieveUserPrivilegeByPrivilegeNameHandler(Metadata), new RetrieveTeamPrivilegesHandler(Metadata),
                    new Solutions.ImportSolutionHandler(solutions), new Solutions.ImportSolutionAsyncHandler(solutions),
                    new Solutions.AddSolutionComponentHandler(), new Solutions.PublishAllXmlHandler(),
                },
                new CompositeMessageHandler[]
                {
                    new ExecuteMultipleHandler(), new ExecuteTransactionHandler(Store),
                    new SetStateHandler("SetState"), new SetStateHandler("SetStateDynamicEntity"),
                });
            var runner = new PluginRunner(Instrumentation, scope => new InMemoryOrganizationService(this, scope), organization.SystemUserId);
            var contexts = new ExecutionContexts(Store, organization, Clock, newId);
            asyncQueue = new AsyncQueue(Store, organization, Clock, newId, runner, Instrumentation);
            directExecution = new DirectExecution(Store, organization, contexts, runner, Instrumentation);
            Pipeline = new PluginPipeline(Store, organization, steps, handlers, contexts, runner, asyncQueue, core, Instrumentation, Security.Authorizer);

            // teammembership is the platform's N:N between users and teams; plugins query it to find a user's teams.
            Metadata.AddRelationship(new ManyToManyRelationship("teammembership_association", "teammembership", "systemuser", "systemuserid", "team", "teamid"));

            SeedPlatformRow(new Entity("organization", OrganizationId) { ["name"] = OrganizationName, ["languagecode"] = 1033 }, SystemUserId);
            SeedPlatformRow(new Entity("businessunit", RootBusinessUnitId) { ["name"] = OrganizationName }, SystemUserId);
            AddUser(SystemUserId, "SYSTEM", null, RootBusinessUnitId, null);
            CreateUser("Test User", "test.user@example.com", id: DefaultUserId);
        }

        /// <summary>The clock every timestamp and relative-date query reads; tests set and advance it.</summary>
        public DataverseClock Clock { get; }

        /// <summary>Optional table and relationship metadata; tables listed here are strict.</summary>
        public MetadataCatalog Metadata { get; }

        /// <summary>Per-request plugin call counts and step times, and the captured plugin traces.</summary>
        public Instrumentation Instrumentation { get; }

        public Guid OrganizationId => organization.Id;

        public string OrganizationName => organization.Name;

        public Guid RootBusinessUnitId => organization.RootBusinessUnitId;

        /// <summary>The SYSTEM user (what CreateOrganizationService(null) runs as inside a plugin).</summary>
        public Guid SystemUserId => organization.SystemUserId;

        /// <summary>A licensed user in the root business unit, used by <see cref="CreateService()"/>.</summary>
        public Guid DefaultUserId => organization.DefaultUserId;

        /// <summary>
        /// How long a writer waits for a row another transaction has locked before failing with the SQL timeout
        /// fault (-2147204783). Default 30 seconds; concurrency tests shorten it.
        /// </summary>
        public TimeSpan LockTimeout
        {
            get => Store.LockTimeout;
            set => Store.LockTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The lock timeout must be positive.");
        }

        /// <summary>Security roles, their assignment to users and teams, custom API execute privileges and the checks.</summary>
        public DataverseSecurity Security { get; }

        /// <summary>
        /// When true, requests from every user but SYSTEM (and System Administrators) pass Dataverse's privilege and
        /// access checks: Create (and the new owner's Read), Retrieve, Update (Assign when ownerid changes,
        /// Append/AppendTo for lookups), Delete, Associate, Send and custom APIs with an execute privilege fault
        /// without the privilege at a level that reaches the record, and queries return only readable rows. Off by
        /// default: a test that is not about security arranges users without roles, as most plugin tests do. Turn it on
        /// (and assign roles with <see cref="AssignRole"/>) to test what users may see and do.
        /// </summary>
        public bool EnforceSecurity
        {
            get => Security.Enforced;
            set => Security.Enforced = value;
        }

        /// <summary>When true, queries on tables that are neither in the metadata nor platform tables fault as unknown tables.</summary>
        public bool RejectUnknownTables
        {
            get => core.RejectUnknownTables;
            set => core.RejectUnknownTables = value;
        }

        /// <summary>Generates ids for new rows; replace it for reproducible ids (e.g. a seeded simulation).</summary>
        public Func<Guid> IdGenerator
        {
            get => idGenerator;
            set => idGenerator = value ?? throw new ArgumentNullException(nameof(value));
        }

        /// <summary>Registered steps, in registration order.</summary>
        public IReadOnlyList<PluginStep> Steps => steps.Steps;

        /// <summary>Asynchronous steps queued and not yet run.</summary>
        public int PendingAsyncJobs => asyncQueue.Pending;

        /// <summary>Every asynchronous job that ran, with its outcome.</summary>
        public IReadOnlyList<AsyncJob> AsyncJobs => asyncQueue.Jobs;

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

        /// <summary>Registers a step; a stage 30 (MainOperation) step is the implementation of the custom API its message names.</summary>
        public void RegisterStep(PluginStep step)
        {
            if (step == null) throw new ArgumentNullException(nameof(step));
            step.Validate();
            if (step.Stage == PipelineStage.MainOperation) handlers.RegisterCustomApi(new CustomApi(step.Message, step));
            else steps.Add(step);
        }

        public void RegisterSteps(IEnumerable<PluginStep> steps)
        {
            foreach (var step in steps) RegisterStep(step);
        }

        /// <summary>
        /// Reads the steps of plugin assemblies for <see cref="RegisterStepsFrom"/>. The product supplies it (it knows
        /// how its steps are declared); null means steps are registered one by one with <see cref="RegisterStep"/>.
        /// </summary>
        public IStepDiscovery? StepDiscovery { get; init; }

        /// <summary>
        /// Registers every step <see cref="StepDiscovery"/> finds in <paramref name="assembly"/> (stage 30 steps
        /// register custom APIs). <paramref name="secureConfiguration"/> gives a step's secure configuration by step id.
        /// Returns the steps.
        /// </summary>
        public IReadOnlyList<PluginStep> RegisterStepsFrom(Assembly assembly, Func<Guid, string?>? secureConfiguration = null)
        {
            if (assembly == null) throw new ArgumentNullException(nameof(assembly));
            var discovery = StepDiscovery ?? throw new InvalidOperationException(
                $"RegisterStepsFrom({assembly.GetName().Name}) needs a step discovery: create the InMemoryDataverse with StepDiscovery set " +
                "to the IStepDiscovery that reads your plugin assembly's step declarations, or register steps with RegisterStep.");
            var steps = discovery.Discover(assembly, secureConfiguration);
            RegisterSteps(steps);
            return steps;
        }

        /// <summary>Removes a registered step; false when no step has this id.</summary>
        public bool UnregisterStep(Guid stepId) => steps.Remove(stepId);

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
            handlers.RegisterCustomApi(new CustomApi(uniqueName, new PluginStep(uniqueName, pluginType) { Stage = PipelineStage.MainOperation }) { RequiredParameters = requiredParameters });

        public void RegisterCustomApi(CustomApi api) => handlers.RegisterCustomApi(api ?? throw new ArgumentNullException(nameof(api)));

        /// <summary>
        /// Runs the queued asynchronous steps in order, and the ones they queue, until none is left. Each runs
        /// outside any transaction; a failure is recorded on the job (and as an asyncoperation row) and stops nothing.
        /// </summary>
        public IReadOnlyList<AsyncJob> DrainAsyncQueue() => asyncQueue.Drain();

        /// <summary>
        /// Runs one plugin directly with the context described by <paramref name="invocation"/> — the
        /// "context → Execute → assert" tier of plugin tests. The plugin's service calls go through the pipeline and
        /// its transaction commits only when it succeeds. Returns the context, whose Target, OutputParameters and
        /// SharedVariables show what the plugin changed.
        /// </summary>
        public PluginExecutionContext ExecutePlugin(IPlugin plugin, PluginInvocation invocation) =>
            directExecution.Run(plugin ?? throw new ArgumentNullException(nameof(plugin)), invocation ?? throw new ArgumentNullException(nameof(invocation)));

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

        /// <summary>Assigns a security role (by name: from metadata.json, from code, or "System Administrator") to a user.</summary>
        public void AssignRole(Guid userId, string roleName) => Security.AssignRole(userId, roleName);

        /// <summary>Assigns a security role to a team; its members hold the role's privileges with the team as principal.</summary>
        public void AssignTeamRole(Guid teamId, string roleName) => Security.AssignTeamRole(teamId, roleName);

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

        private Guid NewId() => idGenerator();

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

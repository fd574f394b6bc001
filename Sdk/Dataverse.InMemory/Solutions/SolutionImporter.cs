using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using Dataverse.InMemory.Messages;
using Dataverse.InMemory.Metadata;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Dataverse.InMemory.Solutions
{
    /// <summary>What an import did: the import job's outcome and the lines its data reports.</summary>
    public sealed class ImportOutcome
    {
        public bool Succeeded => Errors.Count == 0;

        public List<string> Errors { get; } = new();

        public List<string> Applied { get; } = new();

        public List<string> NotApplied { get; } = new();
    }

    /// <summary>
    /// Imports a solution zip into the in-memory Dataverse as far as it runs one: the solution row; plug-in
    /// assemblies, types and steps with their images (which register the steps in the pipeline); the plug-ins of the
    /// custom APIs. Tables and columns are not created from the XML — the in-memory Dataverse takes them from the
    /// metadata it was started with (as the Web API host takes custom API parameters), so the import checks that every
    /// table of the solution is there and fails, naming them, when one is not. Forms, views, charts, roles, web
    /// resources and the rest are counted in the import job as not applied. Everything is checked before anything is
    /// written, so a failed import changes nothing but its import job.
    /// </summary>
    internal sealed class SolutionImporter
    {
        private readonly SolutionServices solutions;
        private readonly PluginRegistration registration;
        private readonly MetadataCatalog metadata;
        private readonly DataverseClock clock;
        private readonly IOrganizationService service;

        public SolutionImporter(SolutionServices solutions, MetadataCatalog metadata, DataverseClock clock, IOrganizationService service)
        {
            this.solutions = solutions;
            registration = solutions.Registration;
            this.metadata = metadata;
            this.clock = clock;
            this.service = service;
        }

        public ImportOutcome Import(byte[] zip)
        {
            var outcome = new ImportOutcome();
            SolutionPackage package;
            try
            {
                package = SolutionPackage.Read(zip);
            }
            catch (SolutionPackageException ex)
            {
                outcome.Errors.Add(ex.Message);
                return outcome;
            }
            var types = Check(package, outcome);
            if (!outcome.Succeeded) return outcome;

            var solutionId = WriteSolution(package);
            outcome.Applied.Add($"solution {package.UniqueName} {package.Version} ({(package.Managed ? "managed" : "unmanaged")})");
            foreach (var assembly in package.Assemblies)
            {
                Upsert(new Entity("pluginassembly", assembly.Id)
                {
                    ["name"] = assembly.Name,
                    ["version"] = assembly.Version,
                    ["culture"] = assembly.Culture,
                    ["publickeytoken"] = assembly.PublicKeyToken,
                    ["isolationmode"] = new OptionSetValue(assembly.IsolationMode),
                    ["sourcetype"] = new OptionSetValue(assembly.SourceType),
                });
                AddComponent(solutionId, assembly.Id, 91);
                foreach (var type in assembly.Types)
                {
                    Upsert(new Entity("plugintype", type.Id)
                    {
                        ["typename"] = type.TypeName,
                        ["name"] = type.TypeName,
                        ["friendlyname"] = type.FriendlyName ?? type.TypeName,
                        ["assemblyname"] = type.AssemblyName,
                        ["pluginassemblyid"] = new EntityReference("pluginassembly", assembly.Id),
                        ["isworkflowactivity"] = false,
                    });
                }
                outcome.Applied.Add($"plug-in assembly {assembly.Name} with {assembly.Types.Count} types");
            }
            foreach (var step in package.Steps)
            {
                var messageId = step.MessageId;
                var row = new Entity("sdkmessageprocessingstep", step.Id)
                {
                    ["name"] = step.Name,
                    ["description"] = step.Description,
                    ["sdkmessageid"] = new EntityReference("sdkmessage", messageId),
                    ["eventhandler"] = new EntityReference("plugintype", step.PluginTypeId),
                    ["plugintypeid"] = new EntityReference("plugintype", step.PluginTypeId),
                    ["stage"] = new OptionSetValue(step.Stage),
                    ["mode"] = new OptionSetValue(step.Mode),
                    ["rank"] = step.Rank,
                    ["filteringattributes"] = step.FilteringAttributes,
                    ["configuration"] = step.Configuration,
                    ["asyncautodelete"] = step.AsyncAutoDelete,
                    ["supporteddeployment"] = new OptionSetValue(step.SupportedDeployment),
                    ["invocationsource"] = new OptionSetValue(step.InvocationSource),
                };
                if (step.PrimaryEntity != null) row["sdkmessagefilterid"] = new EntityReference("sdkmessagefilter", PluginRegistration.FilterId(messageId, step.PrimaryEntity));
                Upsert(row);
                foreach (var image in step.Images)
                {
                    Upsert(new Entity("sdkmessageprocessingstepimage", image.Id)
                    {
                        ["name"] = image.Name,
                        ["entityalias"] = image.EntityAlias,
                        ["imagetype"] = new OptionSetValue(image.ImageType),
                        ["messagepropertyname"] = image.MessagePropertyName,
                        ["attributes"] = image.Attributes,
                        ["sdkmessageprocessingstepid"] = new EntityReference("sdkmessageprocessingstep", step.Id),
                    });
                }
                AddComponent(solutionId, step.Id, 92);
            }
            if (package.Steps.Count > 0) outcome.Applied.Add($"{package.Steps.Count} plug-in steps registered");
            foreach (var api in package.CustomApis.Where(a => a.PluginTypeId != null))
            {
                solutions.RegisterCustomApi(new CustomApi(api.UniqueName, new PluginStep(api.UniqueName, types[api.PluginTypeId!.Value]) { Stage = PipelineStage.MainOperation }));
                outcome.Applied.Add($"custom API {api.UniqueName} runs {types[api.PluginTypeId.Value].FullName}");
            }
            foreach (var table in package.Tables) outcome.Applied.Add($"table {table}: present in the organization's metadata");
            foreach (var (kind, count) in package.OtherComponents) outcome.NotApplied.Add($"{kind}: {count} (not applied by the in-memory Dataverse)");
            return outcome;
        }

        /// <summary>Everything an import needs, checked before anything is written; returns the resolved plug-in types by id.</summary>
        private Dictionary<Guid, Type> Check(SolutionPackage package, ImportOutcome outcome)
        {
            foreach (var table in package.Tables.Where(t => metadata.Table(t) == null))
            {
                outcome.Errors.Add($"The table '{table}' is not in this organization's metadata. The in-memory Dataverse does not create tables from customizations.xml; start it with the solution's metadata.");
            }
            var types = new Dictionary<Guid, Type>();
            foreach (var type in package.Assemblies.SelectMany(a => a.Types))
            {
                var resolved = registration.ResolveType(type.TypeName, type.AssemblyName);
                if (resolved == null) outcome.Errors.Add($"The plug-in type '{type.TypeName}' of assembly '{type.AssemblyName}' is not loaded in this process (the in-memory Dataverse resolves plug-in types by name and does not load the assembly's bytes).");
                else types[type.Id] = resolved;
            }
            foreach (var step in package.Steps)
            {
                if (PluginRegistration.RetrieveOrNull(service, "sdkmessage", step.MessageId) == null)
                {
                    outcome.Errors.Add($"The step '{step.Name}' names the message {step.MessageId}, which this organization does not have.");
                }
                else if (step.PrimaryEntity != null && PluginRegistration.RetrieveOrNull(service, "sdkmessagefilter", PluginRegistration.FilterId(step.MessageId, step.PrimaryEntity)) == null)
                {
                    outcome.Errors.Add($"The step '{step.Name}': the message has no filter for the table '{step.PrimaryEntity}'.");
                }
                if (!types.ContainsKey(step.PluginTypeId) && PluginRegistration.RetrieveOrNull(service, "plugintype", step.PluginTypeId) == null)
                {
                    outcome.Errors.Add($"The step '{step.Name}' names the plug-in type {step.PluginTypeId}, which is neither in the solution nor in the organization.");
                }
                if (step.Stage is not (10 or 20 or 40)) outcome.Errors.Add($"The step '{step.Name}' is at stage {step.Stage}; steps register at 10, 20 or 40.");
            }
            foreach (var api in package.CustomApis.Where(a => a.PluginTypeId is { } id && !types.ContainsKey(id)))
            {
                outcome.Errors.Add($"The custom API '{api.UniqueName}' names the plug-in type {api.PluginTypeId}, which is not in the solution.");
            }
            return types;
        }

        private Guid WriteSolution(SolutionPackage package)
        {
            var existing = service.RetrieveMultiple(new QueryExpression("solution")
            {
                ColumnSet = new ColumnSet("solutionid"),
                Criteria = { Conditions = { new ConditionExpression("uniquename", ConditionOperator.Equal, package.UniqueName) } },
            }).Entities.FirstOrDefault();
            var row = new Entity("solution", existing?.Id ?? Guid.Empty)
            {
                ["uniquename"] = package.UniqueName,
                ["friendlyname"] = package.FriendlyName,
                ["version"] = package.Version,
                ["ismanaged"] = package.Managed,
                ["installedon"] = clock.UtcNow,
            };
            if (existing == null) return service.Create(row);
            service.Update(row);
            return existing.Id;
        }

        private void AddComponent(Guid solutionId, Guid objectId, int componentType)
        {
            var exists = service.RetrieveMultiple(new QueryExpression("solutioncomponent")
            {
                ColumnSet = new ColumnSet("solutioncomponentid"),
                Criteria =
                {
                    Conditions =
                    {
                        new ConditionExpression("solutionid", ConditionOperator.Equal, solutionId),
                        new ConditionExpression("objectid", ConditionOperator.Equal, objectId),
                    },
                },
            }).Entities.Count > 0;
            if (exists) return;
            service.Create(new Entity("solutioncomponent")
            {
                ["solutionid"] = new EntityReference("solution", solutionId),
                ["objectid"] = objectId,
                ["componenttype"] = new OptionSetValue(componentType),
                ["rootcomponentbehavior"] = new OptionSetValue(0),
            });
        }

        private void Upsert(Entity row)
        {
            foreach (var key in row.Attributes.Where(a => a.Value == null).Select(a => a.Key).ToList()) row.Attributes.Remove(key);
            service.Execute(new UpsertRequest { Target = row });
        }

        /// <summary>The import job's data, in the shape of Dataverse's (importexportxml with a result per solution manifest).</summary>
        public static string JobData(string? solutionName, ImportOutcome outcome, DateTime start, DateTime stop)
        {
            var result = new XElement("result",
                new XAttribute("result", outcome.Succeeded ? "success" : "failure"),
                new XAttribute("errorcode", outcome.Succeeded ? "0" : "0x80040203"),
                new XAttribute("errortext", string.Join(" ", outcome.Errors)),
                new XAttribute("datetime", stop.ToString("HH:mm:ss.ff", CultureInfo.InvariantCulture)));
            var xml = new XElement("importexportxml",
                new XAttribute("start", start.ToString("o", CultureInfo.InvariantCulture)),
                new XAttribute("stop", stop.ToString("o", CultureInfo.InvariantCulture)),
                new XAttribute("progress", "100"),
                new XAttribute("processed", "true"),
                new XElement("solutionManifests",
                    new XElement("solutionManifest", new XAttribute("id", solutionName ?? ""), new XAttribute("processed", "true"),
                        new XElement("UniqueName", solutionName ?? ""), result)),
                new XElement("applied", outcome.Applied.Select(a => new XElement("component", a))),
                new XElement("notApplied", outcome.NotApplied.Select(a => new XElement("component", a))));
            return xml.ToString(SaveOptions.DisableFormatting);
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using CrmAttention.Cli.LiveOrg;
using CrmAttention.Plugins.Registration;
using Dataverse.InMemory.Pipeline;
using Dataverse.InMemory.Solutions;

namespace CrmAttention.Cli.Deploy
{
    public sealed class DeployOptions
    {
        /// <summary>List what would be done; change nothing.</summary>
        public bool WhatIf { get; set; }

        /// <summary>Publish all customizations after the import (PublishAllXml).</summary>
        public bool Publish { get; set; }

        /// <summary>How often the import's system job is polled.</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(3);

        /// <summary>How long the import may take before deploy gives up waiting (the import itself goes on).</summary>
        public TimeSpan ImportTimeout { get; set; } = TimeSpan.FromMinutes(60);

        /// <summary>Waits between polls; tests pass one that returns at once.</summary>
        public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = Task.Delay;
    }

    /// <summary>What deploy did (or, with --what-if, would do), line by line, and the step counts.</summary>
    public sealed class DeployResult
    {
        public List<string> Lines { get; } = new();

        public int StepsCreated { get; set; }

        public int StepsUpdated { get; set; }

        public int StepsUnchanged { get; set; }

        public int ImagesWritten { get; set; }

        public int ImagesDeleted { get; set; }

        public bool Imported { get; set; }
    }

    /// <summary>
    /// Deploys a CrmAttention zip to an org through the Web API: ImportSolutionAsync, polling the system job and the
    /// import job (their own error lines on failure); then the steps the zip could not carry — those on messages whose
    /// sdkmessageid Microsoft does not document, Send — registered from the plug-in assembly's [PluginStep]
    /// declarations with the message and filter ids read from the org, idempotently (a second run changes nothing),
    /// and added to the solution when it is unmanaged.
    /// </summary>
    public sealed class Deployer
    {
        private const int StepComponentType = 92;

        private readonly WebApiClient _org;
        private readonly DeployOptions _options;
        private readonly Action<string> _report;

        public Deployer(WebApiClient org, DeployOptions options, Action<string>? report = null)
        {
            _org = org;
            _options = options;
            _report = report ?? (_ => { });
        }

        public async Task<DeployResult> DeployAsync(string zipPath, CancellationToken cancellationToken = default)
        {
            var result = new DeployResult();
            if (!File.Exists(zipPath)) throw new CliException(zipPath + ": no such file. Build the zips with `dotnet pwsh ./build.ps1` (out/).", zipPath + ": Datei nicht gefunden. Die Zips mit `dotnet pwsh ./build.ps1` bauen (out/).");
            var zip = await File.ReadAllBytesAsync(zipPath, cancellationToken).ConfigureAwait(false);
            SolutionPackage package;
            try
            {
                package = SolutionPackage.Read(zip);
            }
            catch (SolutionPackageException ex)
            {
                throw new CliException(zipPath + ": " + ex.Message, zipPath + ": " + ex.Message);
            }
            var missing = StepsNotInZip(package);

            var existing = FirstOrNull($"solutions?$select=version,ismanaged&$filter=uniquename eq '{package.UniqueName}'", cancellationToken);
            var kind = package.Managed ? Text.T("managed", "verwaltet") : Text.T("unmanaged", "nicht verwaltet");
            var before = existing is { } e
                ? Text.T($"the org has {e.GetProperty("version").GetString()}", $"die Organisation hat {e.GetProperty("version").GetString()}")
                : Text.T("not yet in the org", "noch nicht in der Organisation");
            if (_options.WhatIf)
            {
                Say(result, Text.T($"would import {package.UniqueName} {package.Version} ({kind}; {before})", $"würde {package.UniqueName} {package.Version} importieren ({kind}; {before})"));
            }
            else
            {
                await ImportAsync(zip, package, result, cancellationToken).ConfigureAwait(false);
                Say(result, Text.T($"imported {package.UniqueName} {package.Version} ({kind}; before: {before})", $"{package.UniqueName} {package.Version} importiert ({kind}; vorher: {before})"));
            }

            await RegisterStepsAsync(package, missing, result, cancellationToken).ConfigureAwait(false);

            if (_options.Publish)
            {
                if (_options.WhatIf)
                {
                    Say(result, Text.T("would publish all customizations", "würde alle Anpassungen veröffentlichen"));
                }
                else
                {
                    using (await _org.SendAsync(HttpMethod.Post, "PublishAllXml", new JsonObject(), cancellationToken: cancellationToken).ConfigureAwait(false))
                    {
                    }
                    Say(result, Text.T("published all customizations", "alle Anpassungen veröffentlicht"));
                }
            }
            return result;
        }

        /// <summary>
        /// The declared steps the zip does not contain. The builder leaves a step out only when it does not know its
        /// message's id; the zip must come from the same plug-in assembly as this tool, or the declarations would not
        /// be the zip's.
        /// </summary>
        private static List<PluginStep> StepsNotInZip(SolutionPackage package)
        {
            var assembly = typeof(DeterministicId).Assembly;
            var name = assembly.GetName();
            var packaged = package.Assemblies.FirstOrDefault(a => a.Name == name.Name)
                ?? throw new CliException($"The zip carries no {name.Name} assembly: is it a CrmAttention solution?", $"Das Zip enthält keine Assembly {name.Name}: ist es eine CrmAttention-Lösung?");
            if (packaged.Version != name.Version?.ToString())
            {
                throw new CliException($"The zip carries {name.Name} {packaged.Version}, this tool {name.Version}: deploy with the tool of the zip's version.",
                    $"Das Zip enthält {name.Name} {packaged.Version}, dieses Werkzeug {name.Version}: mit dem Werkzeug der Version des Zips bereitstellen.");
            }
            var inZip = package.Steps.Select(s => s.Id).ToHashSet();
            return StepDeclarationReader.Read(assembly)
                .Where(s => s.Stage != PipelineStage.MainOperation && !inZip.Contains(s.Id))
                .OrderBy(s => s.Id.ToString("D"), StringComparer.Ordinal)
                .ToList();
        }

        private async Task ImportAsync(byte[] zip, SolutionPackage package, DeployResult result, CancellationToken cancellationToken)
        {
            var importJobId = Guid.NewGuid();
            var body = new JsonObject
            {
                ["OverwriteUnmanagedCustomizations"] = false,
                ["PublishWorkflows"] = true,
                ["CustomizationFile"] = Convert.ToBase64String(zip),
                ["ImportJobId"] = importJobId,
            };
            Guid asyncId;
            using (var response = await _org.SendAsync(HttpMethod.Post, "ImportSolutionAsync", body, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                asyncId = answer.RootElement.GetProperty("AsyncOperationId").GetGuid();
            }
            _report(Text.T($"importing {package.UniqueName} {package.Version} (system job {asyncId})…", $"{package.UniqueName} {package.Version} wird importiert (Systemauftrag {asyncId}) …"));
            var waited = TimeSpan.Zero;
            double? lastProgress = null;
            while (true)
            {
                var job = FirstOrNull($"asyncoperations?$select=statecode,statuscode,message,friendlymessage&$filter=asyncoperationid eq {asyncId:D}", cancellationToken)
                    ?? throw new CliException($"The import's system job {asyncId} is not in the org.", $"Der Systemauftrag {asyncId} des Imports ist nicht in der Organisation.");
                var progress = FirstOrNull($"importjobs?$select=progress&$filter=importjobid eq {importJobId:D}", cancellationToken) is { } i && i.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Number
                    ? p.GetDouble()
                    : (double?)null;
                if (progress is { } pr && pr != lastProgress)
                {
                    _report(Text.T($"import {pr:0} %", $"Import {pr:0} %"));
                    lastProgress = pr;
                }
                // asyncoperation: statecode 3 = Completed; statuscode 30 Succeeded, 31 Failed, 32 Canceled.
                if (job.GetProperty("statecode").GetInt32() == 3)
                {
                    var status = job.GetProperty("statuscode").GetInt32();
                    if (status == 30) break;
                    var lines = ImportErrors(importJobId, cancellationToken);
                    if (lines.Count == 0 && job.TryGetProperty("friendlymessage", out var m) && m.GetString() is { Length: > 0 } text) lines.Add(text);
                    throw new CliException(
                        $"The import of {package.UniqueName} {(status == 32 ? "was canceled" : "failed")}:" + Environment.NewLine + string.Join(Environment.NewLine, lines.Select(l => "  " + l)),
                        $"Der Import von {package.UniqueName} {(status == 32 ? "wurde abgebrochen" : "ist fehlgeschlagen")}:" + Environment.NewLine + string.Join(Environment.NewLine, lines.Select(l => "  " + l)));
                }
                if (waited >= _options.ImportTimeout)
                {
                    throw new CliException($"The import is still running after {_options.ImportTimeout.TotalMinutes:0} minutes; follow system job {asyncId} in the org.",
                        $"Der Import läuft nach {_options.ImportTimeout.TotalMinutes:0} Minuten noch; Systemauftrag {asyncId} in der Organisation verfolgen.");
                }
                await _options.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
                waited += _options.PollInterval;
            }
            result.Imported = true;
        }

        /// <summary>The import job's own error lines: each result marked failure in its data, with what it was about.</summary>
        private List<string> ImportErrors(Guid importJobId, CancellationToken cancellationToken)
        {
            var data = FirstOrNull($"importjobs?$select=data&$filter=importjobid eq {importJobId:D}", cancellationToken) is { } job && job.TryGetProperty("data", out var d) ? d.GetString() : null;
            if (string.IsNullOrEmpty(data)) return new List<string>();
            XDocument xml;
            try
            {
                xml = XDocument.Parse(data);
            }
            catch (System.Xml.XmlException)
            {
                return new List<string> { data };
            }
            return xml.Descendants("result")
                .Where(r => (string?)r.Attribute("result") == "failure")
                .Select(r =>
                {
                    var about = r.Parent?.Attribute("LocalizedName")?.Value ?? r.Parent?.Attribute("id")?.Value ?? r.Parent?.Name.LocalName;
                    var text = (string?)r.Attribute("errortext") ?? "";
                    var code = (string?)r.Attribute("errorcode");
                    return $"{about}: {text}" + (string.IsNullOrEmpty(code) || code == "0" ? "" : $" ({code})");
                })
                .ToList();
        }

        private async Task RegisterStepsAsync(SolutionPackage package, List<PluginStep> steps, DeployResult result, CancellationToken cancellationToken)
        {
            if (steps.Count == 0) return;
            var solutionId = package.Managed
                ? (Guid?)null
                : FirstOrNull($"solutions?$select=solutionid&$filter=uniquename eq '{package.UniqueName}'", cancellationToken)?.GetProperty("solutionid").GetGuid();
            foreach (var step in steps)
            {
                var name = StepName(step);
                var messageId = FirstOrNull($"sdkmessages?$select=sdkmessageid&$filter=name eq '{step.Message}'", cancellationToken)?.GetProperty("sdkmessageid").GetGuid()
                    ?? throw new CliException($"The org has no message '{step.Message}' (sdkmessages), which the step '{name}' is on.", $"Die Organisation hat keine Nachricht '{step.Message}' (sdkmessages), auf der der Schritt '{name}' liegt.");
                Guid? filterId = null;
                if (step.PrimaryEntity is { } table)
                {
                    filterId = FirstOrNull($"sdkmessagefilters?$select=sdkmessagefilterid&$filter=_sdkmessageid_value eq {messageId:D} and primaryobjecttypecode eq '{table}'", cancellationToken)?.GetProperty("sdkmessagefilterid").GetGuid()
                        ?? throw new CliException($"The org has no filter of '{step.Message}' for the table '{table}' (sdkmessagefilters).", $"Die Organisation hat keinen Filter von '{step.Message}' für die Tabelle '{table}' (sdkmessagefilters).");
                }
                var typeName = step.PluginType.FullName!;
                var typeId = FirstOrNull($"plugintypes?$select=plugintypeid&$filter=typename eq '{typeName}'", cancellationToken)?.GetProperty("plugintypeid").GetGuid();
                if (typeId == null)
                {
                    if (!_options.WhatIf) throw new CliException($"The plug-in type {typeName} is not in the org after the import.", $"Der Plug-in-Typ {typeName} ist nach dem Import nicht in der Organisation.");
                    Say(result, Text.T($"would register step '{name}' (after the import brings {typeName})", $"würde den Schritt '{name}' registrieren (nachdem der Import {typeName} bringt)"));
                    result.StepsCreated++;
                    continue;
                }
                var desired = new JsonObject
                {
                    ["name"] = name,
                    ["description"] = name,
                    ["stage"] = (int)step.Stage,
                    ["mode"] = (int)step.Mode,
                    ["rank"] = step.Rank,
                    ["filteringattributes"] = step.FilteringAttributes.Count == 0 ? null : string.Join(",", step.FilteringAttributes),
                    ["configuration"] = step.UnsecureConfiguration,
                    ["asyncautodelete"] = step.Mode == StepMode.Asynchronous && step.DeleteAsyncOperationOnSuccess,
                    ["supporteddeployment"] = 0,
                    ["invocationsource"] = 0,
                };
                var binds = new Dictionary<string, (string Set, Guid Id)>
                {
                    ["sdkmessageid"] = ("sdkmessages", messageId),
                    ["eventhandler_plugintype"] = ("plugintypes", typeId.Value),
                };
                if (filterId is { } f) binds["sdkmessagefilterid"] = ("sdkmessagefilters", f);
                var current = FirstOrNull($"sdkmessageprocessingsteps?$select=name,description,stage,mode,rank,filteringattributes,configuration,asyncautodelete,supporteddeployment,invocationsource,_sdkmessageid_value,_eventhandler_value,_sdkmessagefilterid_value&$filter=sdkmessageprocessingstepid eq {step.Id:D}", cancellationToken);
                if (current == null)
                {
                    var row = Copy(desired);
                    row["sdkmessageprocessingstepid"] = step.Id;
                    foreach (var (nav, (set, id)) in binds) row[nav + "@odata.bind"] = $"/{set}({id:D})";
                    if (_options.WhatIf) Say(result, Text.T($"would register step '{name}'", $"würde den Schritt '{name}' registrieren"));
                    else
                    {
                        await _org.CreateAsync("sdkmessageprocessingsteps", row, cancellationToken).ConfigureAwait(false);
                        Say(result, Text.T($"registered step '{name}'", $"Schritt '{name}' registriert"));
                    }
                    result.StepsCreated++;
                }
                else
                {
                    var changes = Differences(current.Value, desired);
                    foreach (var (nav, (set, id)) in binds)
                    {
                        var property = "_" + (nav == "eventhandler_plugintype" ? "eventhandler" : nav) + "_value";
                        if (!current.Value.TryGetProperty(property, out var v) || v.ValueKind != JsonValueKind.String || v.GetGuid() != id) changes[nav + "@odata.bind"] = $"/{set}({id:D})";
                    }
                    if (changes.Count == 0)
                    {
                        result.StepsUnchanged++;
                    }
                    else
                    {
                        var what = string.Join(", ", changes.Select(c => c.Key.Replace("@odata.bind", "", StringComparison.Ordinal)));
                        if (_options.WhatIf) Say(result, Text.T($"would update step '{name}' ({what})", $"würde den Schritt '{name}' ändern ({what})"));
                        else
                        {
                            await _org.UpdateAsync("sdkmessageprocessingsteps", step.Id, changes, cancellationToken).ConfigureAwait(false);
                            Say(result, Text.T($"updated step '{name}' ({what})", $"Schritt '{name}' geändert ({what})"));
                        }
                        result.StepsUpdated++;
                    }
                }
                await RegisterImagesAsync(step, name, result, cancellationToken).ConfigureAwait(false);
                if (solutionId is { } solution) await AddToSolutionAsync(step, name, solution, package.UniqueName, result, cancellationToken).ConfigureAwait(false);
            }
            if (result.StepsUnchanged > 0) Say(result, Text.T($"{result.StepsUnchanged} steps already registered as declared", $"{result.StepsUnchanged} Schritte bereits wie deklariert registriert"));
        }

        private async Task RegisterImagesAsync(PluginStep step, string stepName, DeployResult result, CancellationToken cancellationToken)
        {
            var declared = step.Images.ToDictionary(i => DeterministicId.ForImage(step.Id, i.Alias));
            var onOrg = _options.WhatIf && FirstOrNull($"sdkmessageprocessingsteps?$select=name&$filter=sdkmessageprocessingstepid eq {step.Id:D}", cancellationToken) == null
                ? new List<JsonElement>()
                : _org.Query($"sdkmessageprocessingstepimages?$select=name,entityalias,imagetype,messagepropertyname,attributes&$filter=_sdkmessageprocessingstepid_value eq {step.Id:D}", cancellationToken: cancellationToken)
                    .Select(e => e.Clone()).ToList();
            foreach (var (id, image) in declared)
            {
                var desired = new JsonObject
                {
                    ["name"] = image.Alias,
                    ["entityalias"] = image.Alias,
                    ["imagetype"] = (int)image.Type,
                    ["messagepropertyname"] = image.MessagePropertyName ?? DefaultImageProperty(step.Message),
                    ["attributes"] = image.Attributes.Count == 0 ? null : string.Join(",", image.Attributes),
                };
                var current = onOrg.Where(e => e.GetProperty("sdkmessageprocessingstepimageid").GetGuid() == id).Cast<JsonElement?>().FirstOrDefault();
                if (current == null)
                {
                    var row = Copy(desired);
                    row["sdkmessageprocessingstepimageid"] = id;
                    row["sdkmessageprocessingstepid@odata.bind"] = $"/sdkmessageprocessingsteps({step.Id:D})";
                    if (!_options.WhatIf) await _org.CreateAsync("sdkmessageprocessingstepimages", row, cancellationToken).ConfigureAwait(false);
                    Say(result, Text.T($"{(_options.WhatIf ? "would add" : "added")} image '{image.Alias}' to '{stepName}'", $"Abbild '{image.Alias}' zu '{stepName}' {(_options.WhatIf ? "würde hinzugefügt" : "hinzugefügt")}"));
                    result.ImagesWritten++;
                    continue;
                }
                var changes = Differences(current.Value, desired);
                if (changes.Count == 0) continue;
                if (!_options.WhatIf) await _org.UpdateAsync("sdkmessageprocessingstepimages", id, changes, cancellationToken).ConfigureAwait(false);
                Say(result, Text.T($"{(_options.WhatIf ? "would update" : "updated")} image '{image.Alias}' of '{stepName}'", $"Abbild '{image.Alias}' von '{stepName}' {(_options.WhatIf ? "würde geändert" : "geändert")}"));
                result.ImagesWritten++;
            }
            // Images the declarations no longer name: the step must be exactly as declared.
            foreach (var extra in onOrg.Where(e => !declared.ContainsKey(e.GetProperty("sdkmessageprocessingstepimageid").GetGuid())))
            {
                var id = extra.GetProperty("sdkmessageprocessingstepimageid").GetGuid();
                if (!_options.WhatIf)
                {
                    using (await _org.SendAsync(HttpMethod.Delete, $"sdkmessageprocessingstepimages({id:D})", cancellationToken: cancellationToken).ConfigureAwait(false))
                    {
                    }
                }
                var alias = extra.TryGetProperty("entityalias", out var a) ? a.GetString() : id.ToString();
                Say(result, Text.T($"{(_options.WhatIf ? "would remove" : "removed")} image '{alias}' of '{stepName}' (not declared)", $"Abbild '{alias}' von '{stepName}' {(_options.WhatIf ? "würde entfernt" : "entfernt")} (nicht deklariert)"));
                result.ImagesDeleted++;
            }
        }

        private async Task AddToSolutionAsync(PluginStep step, string stepName, Guid solutionId, string uniqueName, DeployResult result, CancellationToken cancellationToken)
        {
            if (FirstOrNull($"solutioncomponents?$select=solutioncomponentid&$filter=objectid eq {step.Id:D} and _solutionid_value eq {solutionId:D}", cancellationToken) != null) return;
            if (!_options.WhatIf)
            {
                var body = new JsonObject
                {
                    ["ComponentId"] = step.Id,
                    ["ComponentType"] = StepComponentType,
                    ["SolutionUniqueName"] = uniqueName,
                    ["AddRequiredComponents"] = false,
                };
                using (await _org.SendAsync(HttpMethod.Post, "AddSolutionComponent", body, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                }
            }
            Say(result, Text.T($"{(_options.WhatIf ? "would add" : "added")} '{stepName}' to the unmanaged solution {uniqueName}", $"'{stepName}' {(_options.WhatIf ? "würde" : "wurde")} der nicht verwalteten Lösung {uniqueName} hinzugefügt"));
        }

        /// <summary>The name the solution builder gives a step: "type: message of table".</summary>
        public static string StepName(PluginStep step) => $"{step.PluginType.FullName}: {step.Message} of {step.PrimaryEntity ?? "any Entity"}";

        /// <summary>The request property an image is taken from when the declaration names none (as the builder writes it).</summary>
        private static string DefaultImageProperty(string message) => message switch
        {
            "Create" => "id",
            "SetState" or "SetStateDynamicEntity" => "EntityMoniker",
            "Send" => "EmailId",
            _ => "Target",
        };

        /// <summary>The properties of <paramref name="desired"/> whose value differs on the org (null and absent are equal).</summary>
        private static JsonObject Differences(JsonElement current, JsonObject desired)
        {
            var changes = new JsonObject();
            foreach (var (key, value) in desired)
            {
                var has = current.TryGetProperty(key, out var now) && now.ValueKind != JsonValueKind.Null;
                var same = value is null
                    ? !has || (now.ValueKind == JsonValueKind.String && now.GetString() == "")
                    : has && JsonNode.DeepEquals(JsonNode.Parse(now.GetRawText()), value);
                if (!same) changes[key] = value?.DeepClone();
            }
            return changes;
        }

        private static JsonObject Copy(JsonObject source)
        {
            var copy = new JsonObject();
            foreach (var (key, value) in source)
            {
                if (value is not null) copy[key] = value.DeepClone();
            }
            return copy;
        }

        private JsonElement? FirstOrNull(string query, CancellationToken cancellationToken)
        {
            foreach (var row in _org.Query(query, cancellationToken: cancellationToken)) return row.Clone();
            return null;
        }

        private void Say(DeployResult result, string line)
        {
            result.Lines.Add(line);
            _report(line);
        }
    }
}

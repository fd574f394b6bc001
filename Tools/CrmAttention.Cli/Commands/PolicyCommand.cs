using System.CommandLine;
using System.IO;
using CrmAttention.Cli.LiveOrg;
using CrmAttention.Cli.Policies;
using Spectre.Console;

namespace CrmAttention.Cli.Commands
{
    /// <summary>`policy push`: a policy file (e.g. calibrate's) into the org's cat_attentionpolicy table.</summary>
    public static class PolicyCommand
    {
        public static Command Create(IAnsiConsole console, Option<string?> language)
        {
            var org = OrgOptions.Create(required: true, window: false);
            var policyOption = new Option<FileInfo>("--policy") { Description = Text.T("The policy file to write (e.g. calibrate's calibrated-policy.json)", "Die zu schreibende Richtliniendatei (z. B. calibrated-policy.json von calibrate)"), Required = true };
            var makeDefault = new Option<bool>("--default") { Description = Text.T("Also make it the org's default policy (cat_isdefault)", "Sie außerdem zur Standardrichtlinie der Organisation machen (cat_isdefault)") };
            var push = new Command("push", Text.T(
                "Validate a policy file and write it to the org: the policy of the same name is updated (only the columns that differ), or created when there is none; never duplicated.",
                "Eine Richtliniendatei prüfen und in die Organisation schreiben: die Richtlinie gleichen Namens wird geändert (nur abweichende Spalten) oder angelegt, wenn es keine gibt; nie doppelt."))
            {
                policyOption, makeDefault,
            };
            org.AddTo(push);
            push.SetAction(parse => CliApp.Guard(console, parse, language, () =>
            {
                // Validated before the org is contacted: a bad file changes nothing.
                var policy = PolicyFile.Load(parse.GetValue(policyOption)!.FullName);
                using var client = org.Connect(parse, console);
                var result = new PolicyPusher(client).PushAsync(policy, parse.GetValue(makeDefault)).GetAwaiter().GetResult();
                if (result.Created)
                    console.MarkupLine(Markup.Escape(Text.T($"Created policy \"{policy.Name}\" ({result.Id}) in {client.OrgUrl}.", $"Richtlinie \"{policy.Name}\" ({result.Id}) in {client.OrgUrl} angelegt.")));
                else if (result.Changed.Count == 0)
                    console.MarkupLine(Markup.Escape(Text.T($"Policy \"{policy.Name}\" ({result.Id}) already says this; nothing changed.", $"Richtlinie \"{policy.Name}\" ({result.Id}) enthält dies bereits; nichts geändert.")));
                else
                    console.MarkupLine(Markup.Escape(Text.T($"Updated policy \"{policy.Name}\" ({result.Id}): {PolicyPusher.Describe(result)}.", $"Richtlinie \"{policy.Name}\" ({result.Id}) geändert: {PolicyPusher.Describe(result)}.")));
                return ExitCodes.Success;
            }));
            var command = new Command("policy", Text.T("Work with the policies of an org.", "Mit den Richtlinien einer Organisation arbeiten.")) { push };
            return command;
        }
    }
}

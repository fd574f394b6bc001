using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Schema.Col;

namespace CrmAttention.Solution.Model
{
    /// <summary>
    /// The CrmAttention solution: the one place its contents are declared. The builder compiles this into the
    /// solution zips, the logical-name constants and the in-memory Dataverse's metadata.
    /// </summary>
    public static class CrmAttentionSolution
    {
        /// <summary>
        /// The solution version, written down nowhere else. Raise it for every release: Dataverse upgrades an
        /// installed solution only to a higher version.
        /// </summary>
        public const string Version = "1.0.0.0";

        /// <summary>The publisher's option value prefix: choice values are 742800000 + code.</summary>
        public const int OptionValuePrefix = 74280;

        public static SolutionDefinition Build()
        {
            var publisher = new Publisher("crmattention",
                L("CrmAttention", "CrmAttention"),
                L("Publisher of the CrmAttention solution.", "Herausgeber der Lösung CrmAttention."),
                prefix: "cat",
                optionValuePrefix: OptionValuePrefix);
            var solution = new SolutionDefinition("CrmAttention", Version,
                L("CrmAttention", "CrmAttention"),
                L("Protects the effectiveness of sales outreach: contact-frequency budgets, a diminishing-returns score per contact, routing of high-value prospects to a person's call, and a decision log for sales ops.",
                  "Schützt die Wirksamkeit der Vertriebsansprache: Budgets für die Kontakthäufigkeit, ein Wert mit abnehmendem Nutzen je Kontakt, Weiterleitung wertvoller Interessenten an den Anruf einer Person und ein Entscheidungsprotokoll für Sales Ops."),
                publisher)
            {
                PluginAssemblyName = "CrmAttention.Plugins",
            };
            solution.Choices.AddRange(new[]
            {
                Choices.Channel(), Choices.Origin(), Choices.CallResult(), Choices.DecisionKind(), Choices.Band(), Choices.PolicyMode(),
                Choices.ValueSource(), Choices.LoggingLevel(), Choices.ReasonCode(),
            });
            solution.Tables.AddRange(new[]
            {
                AttentionPolicyTable.Build(),
                AttentionDecisionTable.Build(),
                ContactAndAccountTables.Contact(),
                ContactAndAccountTables.Account(),
                ActivityTables.Email(),
                ActivityTables.PhoneCall(),
                ActivityTables.Appointment(),
                ActivityTables.Task(),
                ActivityTables.Letter(),
                PlatformTables.ActivityParty(),
                PlatformTables.SystemUser(),
                PlatformTables.UserSettings(),
                PlatformTables.Team(),
                PlatformTables.TeamMembership(),
                PlatformTables.BusinessUnit(),
                PlatformTables.Role(),
                PlatformTables.SystemUserRoles(),
                PlatformTables.TeamRoles(),
                PlatformTables.Opportunity(),
                PlatformTables.TransactionCurrency(),
                PlatformTables.Lead(),
                PlatformTables.Queue(),
                RegistrationTables.Solution(),
                RegistrationTables.SolutionComponent(),
                RegistrationTables.PluginAssembly(),
                RegistrationTables.PluginType(),
                RegistrationTables.ServiceEndpoint(),
                RegistrationTables.SdkMessage(),
                RegistrationTables.SdkMessageFilter(),
                RegistrationTables.SdkMessageProcessingStep(),
                RegistrationTables.SdkMessageProcessingStepImage(),
                RegistrationTables.ImportJob(),
                RegistrationTables.AsyncOperation(),
            });
            solution.Dashboards.Add(DashboardModel.Attention());
            solution.Apps.Add(AppModel.CrmAttention());
            solution.Roles.AddRange(SecurityModel.Roles());
            solution.FieldSecurityProfiles.Add(SecurityModel.OverrideProfile());
            solution.EnvironmentVariables.AddRange(EnvironmentVariables.All());
            solution.CustomApis.Add(CustomApis.EvaluateTouch());
            solution.CustomApis.Add(CustomApis.RecalculateAttention());
            solution.CustomApis.Add(CustomApis.GetWorklist());
            solution.CustomApis.Add(CustomApis.PurgeDecisions());
            return solution;
        }
    }
}

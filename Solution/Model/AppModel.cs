using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Schema.Col;

namespace CrmAttention.Solution.Model
{
    /// <summary>The CrmAttention app: the sellers' worklist, the dashboard, the decision log, routed calls, contacts and the policies.</summary>
    public static class AppModel
    {
        public static App CrmAttention() => new App("cat_CrmAttention", L("CrmAttention", "CrmAttention"),
            L("The sellers' attention worklist; attention dashboard, decision log and policies for sales ops and administrators.",
              "Die Aufmerksamkeits-Arbeitsliste der Verkäufer; Aufmerksamkeits-Dashboard, Entscheidungsprotokoll und Richtlinien für Sales Ops und Administration."),
            new AppArea("cat_area_attention", L("Attention", "Aufmerksamkeit"),
                new AppGroup("cat_group_overview", L("Overview", "Überblick"),
                    new AppSubArea("cat_sub_worklist", L("My attention worklist", "Meine Aufmerksamkeits-Arbeitsliste")) { WebResource = "cat_/pages/worklist.html" },
                    new AppSubArea("cat_sub_dashboard", L("Dashboard", "Dashboard")) { DashboardKey = "attention" },
                    new AppSubArea("cat_sub_decisions", L("Attention decisions", "Aufmerksamkeitsentscheidungen")) { Table = "cat_attentiondecision" },
                    new AppSubArea("cat_sub_calls", L("Phone calls", "Telefonanrufe")) { Table = "phonecall" },
                    new AppSubArea("cat_sub_contacts", L("Contacts", "Kontakte")) { Table = "contact" }),
                new AppGroup("cat_group_settings", L("Settings", "Einstellungen"),
                    new AppSubArea("cat_sub_policies", L("Attention policies", "Aufmerksamkeitsrichtlinien")) { Table = "cat_attentionpolicy" })))
        {
            RoleKeys = new[] { "administrator", "analyst", "user" },
        };
    }
}

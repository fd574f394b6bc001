using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Schema.Col;

namespace CrmAttention.Solution.Model
{
    /// <summary>The "Attention" dashboard for sales ops: the charts, two working lists and the attention page.</summary>
    public static class DashboardModel
    {
        public const string AttentionPage = "cat_/pages/attention.html";

        public static Dashboard Attention() => new Dashboard("attention", L("Attention", "Aufmerksamkeit"),
            L("Sales ops overview: why touches were blocked, suppressed or routed, how saturated contacts are, and the calls routed to people.",
              "Überblick für Sales Ops: warum Kontakte blockiert, unterdrückt oder weitergeleitet wurden, wie gesättigt Kontakte sind und welche Anrufe an Personen gingen."),
            new FormSection("decisions", L("Decisions", "Entscheidungen"),
                new ChartCell("byreason", L("Decisions by reason", "Entscheidungen nach Grund"), "cat_attentiondecision", "byreason", "active"),
                new ChartCell("overtime", L("Decisions over time", "Entscheidungen im Zeitverlauf"), "cat_attentiondecision", "overtime", "active")),
            new FormSection("people", L("Contacts and owners", "Kontakte und Besitzer"),
                new ChartCell("byband", L("Contacts by band", "Kontakte nach Stufe"), "contact", "byband", "attention"),
                new ChartCell("byowner", L("Suppressed and routed by owner", "Unterdrückt und weitergeleitet nach Besitzer"), "cat_attentiondecision", "suppressedroutedbyowner", "suppressedrouted")),
            new FormSection("lists", L("To act on", "Zu erledigen"),
                new ViewCell("blocked", L("Decisions blocked this week", "Diese Woche blockierte Entscheidungen"), "cat_attentiondecision", "blockedthisweek"),
                new ViewCell("routedcalls", L("Routed calls", "Weitergeleitete Anrufe"), "phonecall", "routed")),
            new FormSection("page", L("Response and pressure", "Antwort und Druck"),
                new WebResourceCell("attentionpage", L("Attention analysis", "Aufmerksamkeitsanalyse"), AttentionPage, 16)));
    }
}

using System.Collections.Generic;

namespace CrmAttention.Cli.Simulation
{
    /// <summary>One week of one run.</summary>
    public sealed class WeekFigures
    {
        public int Week { get; set; }

        /// <summary>Days the week covers: 7, or fewer for the last week of a run whose length is not whole weeks.</summary>
        public int Days { get; set; } = 7;

        public long AutomatedTouches { get; set; }

        public long HumanTouches { get; set; }

        public long Conversations { get; set; }

        public long Blocked { get; set; }

        public long Suppressed { get; set; }

        public long Routed { get; set; }

        /// <summary>Automated emails the sequences tried to send (before CrmAttention).</summary>
        public long AutomatedAttempts { get; set; }

        /// <summary>Mean filter hardness F + N over all contacts at the end of the week: the spiral's state.</summary>
        public double FilterHardness { get; set; }

        /// <summary>The sequences' volume multiplier that week (the org pushing more outreach when conversations fall).</summary>
        public double VolumeMultiplier { get; set; }

        public double ConversationsPer100Touches => AutomatedTouches + HumanTouches == 0 ? 0 : System.Math.Round(100.0 * Conversations / (AutomatedTouches + HumanTouches), 3);
    }

    /// <summary>Routed calls and what became of them.</summary>
    public sealed class RoutedCallFigures
    {
        /// <summary>Distinct call activities CrmAttention created (a later routing for the same contact appends to the open call).</summary>
        public long Created { get; set; }

        public long Answered { get; set; }

        public long NotAnswered { get; set; }

        public long OpenAtEnd { get; set; }

        /// <summary>Mean hours from the call's creation to the seller making it.</summary>
        public double MeanHoursToCall { get; set; }
    }

    /// <summary>The figures of one run.</summary>
    public sealed class RunResult
    {
        public string Name { get; set; } = "";

        public long AutomatedAttempts { get; set; }

        public long AutomatedTouches { get; set; }

        public long HumanAttempts { get; set; }

        public long HumanTouches { get; set; }

        public long Touches => AutomatedTouches + HumanTouches;

        public long Responses { get; set; }

        /// <summary>Replies to emails, answered calls and meetings held.</summary>
        public long Conversations { get; set; }

        public double ConversationsPer100Touches => Touches == 0 ? 0 : System.Math.Round(100.0 * Conversations / Touches, 3);

        public double SellerHours { get; set; }

        public double SellerHoursPerConversation => Conversations == 0 ? 0 : System.Math.Round(SellerHours / Conversations, 3);

        public SortedDictionary<string, long> ConversationsBySource { get; set; } = new SortedDictionary<string, long>(System.StringComparer.Ordinal);

        public SortedDictionary<string, long> Decisions { get; set; } = new SortedDictionary<string, long>(System.StringComparer.Ordinal);

        public RoutedCallFigures RoutedCalls { get; set; } = new RoutedCallFigures();

        public List<WeekFigures> Weeks { get; set; } = new List<WeekFigures>();

        /// <summary>Mean filter hardness F + N at the end of the last whole week: where the spiral ended.</summary>
        public double FilterHardnessLastWeek => LastWeek().FilterHardness;

        /// <summary>The last whole week (the state the "last week" figures report), or the last week of a run shorter than one.</summary>
        public WeekFigures LastWeek()
        {
            for (var i = Weeks.Count - 1; i >= 0; i--)
                if (Weeks[i].Days == 7) return Weeks[i];
            return Weeks.Count > 0 ? Weeks[Weeks.Count - 1] : new WeekFigures();
        }
    }
}

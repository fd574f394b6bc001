using System;
using System.Collections.Generic;
using CrmAttention.Engine;

namespace CrmAttention.Plugins.Tests.Engine
{
    /// <summary>A generated history step: wait <see cref="GapSeconds"/>, then a touch or a response.</summary>
    public sealed class HistoryEvent
    {
        public HistoryEvent(int gapSeconds, bool isResponse, Channel channel, Origin origin)
        {
            GapSeconds = gapSeconds;
            IsResponse = isResponse;
            Channel = channel;
            Origin = origin;
        }

        public int GapSeconds { get; }

        public bool IsResponse { get; }

        public Channel Channel { get; }

        public Origin Origin { get; }

        public override string ToString() => "+" + GapSeconds + "s " + (IsResponse ? "response" : Channel + "/" + Origin);
    }

    /// <summary>A contact (and account) built by recording a generated history incrementally, plus the full history for batch checks.</summary>
    internal sealed class History
    {
        public History(AttentionPolicy policy, DateTime start, IReadOnlyList<HistoryEvent> events, decimal? value = null)
        {
            Contact = new ContactState { Id = Given.Id(1), DisplayName = "Anna Berg", Value = value, OwnerId = Given.OwnerId };
            Account = new AccountState { Id = Given.Id(2), DisplayName = "Contoso" };
            var t = start;
            var n = 0;
            foreach (var e in events)
            {
                t = t.AddSeconds(e.GapSeconds);
                var id = Given.Id(200000 + ++n);
                if (e.IsResponse)
                {
                    AttentionRecorder.RecordResponse(Contact, e.Channel, t, id, policy);
                    All.Add(LedgerEntry.Response(t, e.Channel, id));
                }
                else
                {
                    AttentionRecorder.RecordTouch(Contact, Account, new Touch(e.Channel, e.Origin, t, id), policy, t);
                    All.Add(LedgerEntry.Touch(t, e.Channel, e.Origin, id));
                }
            }
            End = t;
        }

        public ContactState Contact { get; }

        public AccountState Account { get; }

        public List<LedgerEntry> All { get; } = new List<LedgerEntry>();

        public DateTime End { get; }
    }
}

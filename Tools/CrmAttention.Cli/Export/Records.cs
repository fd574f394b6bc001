using System;
using CrmAttention.Engine;

namespace CrmAttention.Cli.Export
{
    /// <summary>A contact row of contacts.csv.</summary>
    public sealed class ContactRecord
    {
        public ContactRecord(Guid id, string name, string? accountKey, string owner, ConsentFlags consent, decimal? value)
        {
            Id = id;
            Name = name;
            AccountKey = accountKey;
            Owner = owner;
            Consent = consent;
            Value = value;
        }

        public Guid Id { get; }

        public string Name { get; }

        /// <summary>The parent account's id (normalised GUID text) or, in a view export that shows names, its name in lower case.</summary>
        public string? AccountKey { get; }

        public string Owner { get; }

        public ConsentFlags Consent { get; }

        public decimal? Value { get; }
    }

    /// <summary>An account row of accounts.csv.</summary>
    public sealed class AccountRecord
    {
        public AccountRecord(string key, string name, decimal? revenue, string owner)
        {
            Key = key;
            Name = name;
            Revenue = revenue;
            Owner = owner;
        }

        public string Key { get; }

        public string Name { get; }

        public decimal? Revenue { get; }

        public string Owner { get; }
    }

    /// <summary>One row of activities.csv: one activity and one contact (an email to three contacts is three rows).</summary>
    public readonly struct ActivityRecord
    {
        public ActivityRecord(long line, Guid activityId, Guid contactId, Channel channel, Origin origin, bool incoming, ActivityState state, DateTime time, string owner)
        {
            Line = line;
            ActivityId = activityId;
            ContactId = contactId;
            Channel = channel;
            Origin = origin;
            Incoming = incoming;
            State = state;
            Time = time;
            Owner = owner;
        }

        public long Line { get; }

        public Guid ActivityId { get; }

        public Guid ContactId { get; }

        public Channel Channel { get; }

        public Origin Origin { get; }

        /// <summary>True for the contact's own inbound email or call: a response.</summary>
        public bool Incoming { get; }

        public ActivityState State { get; }

        /// <summary>When it happened (actual end, else sent on, else created on), UTC.</summary>
        public DateTime Time { get; }

        public string Owner { get; }
    }
}

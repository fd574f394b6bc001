using System;
using CrmAttention.Engine;

namespace CrmAttention.Plugins.Tests.Engine
{
    /// <summary>Builders for engine tests: a fixed "now", readable ids, contacts with a recorded history.</summary>
    internal static class Given
    {
        public static readonly DateTime Now = Utc(2026, 11, 25, 10, 0);
        public static readonly Guid OwnerId = Id(9000);
        private static int _nextActivity = 1;

        public static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
            new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);

        /// <summary>A readable, fixed id: 00000001-0000-0000-0000-000000000000 for 1.</summary>
        public static Guid Id(int n) => new Guid(n, 0, 0, new byte[8]);

        public static Guid NewActivityId() => Id(100000 + System.Threading.Interlocked.Increment(ref _nextActivity));

        /// <summary>
        /// The default policy with the conversation rule off unless asked for: the budget examples below have contacts who
        /// answered recently, and they test the budget rules themselves. The conversation tests pass conversationDays.
        /// </summary>
        public static AttentionPolicy Policy(PolicyMode mode = PolicyMode.Enforce, int conversationDays = 0)
        {
            var policy = AttentionPolicy.CreateDefault();
            policy.Id = Id(500);
            policy.Name = "Test policy";
            policy.Mode = mode;
            policy.ConversationDays = conversationDays;
            return policy;
        }

        public static ContactState Contact(string name = "Anna Berg", decimal? value = null) =>
            new ContactState { Id = Id(1), DisplayName = name, Value = value, OwnerId = OwnerId };

        public static AccountState Account(string name = "Contoso") => new AccountState { Id = Id(2), DisplayName = name };

        public static ContactState Touched(this ContactState contact, AttentionPolicy policy, Channel channel, Origin origin, params DateTime[] times) =>
            contact.Touched(policy, null, channel, origin, times);

        public static ContactState Touched(this ContactState contact, AttentionPolicy policy, AccountState? account, Channel channel, Origin origin, params DateTime[] times)
        {
            foreach (var t in times) AttentionRecorder.RecordTouch(contact, account, new Touch(channel, origin, t, NewActivityId()), policy, t);
            return contact;
        }

        public static ContactState Answered(this ContactState contact, AttentionPolicy policy, DateTime at, Channel channel = Channel.Email)
        {
            AttentionRecorder.RecordResponse(contact, channel, at, NewActivityId(), policy);
            return contact;
        }

        /// <summary>Anna Berg, touched by a person at 09:40 on 19–24 November 2026; she answered on the 24th at 12:00.</summary>
        public static ContactState AnnaWithFullWindow(AttentionPolicy policy)
        {
            var anna = Contact();
            anna.Touched(policy, Channel.Email, Origin.Human,
                Utc(2026, 11, 19, 9, 40), Utc(2026, 11, 20, 9, 40), Utc(2026, 11, 21, 9, 40),
                Utc(2026, 11, 22, 9, 40), Utc(2026, 11, 23, 9, 40), Utc(2026, 11, 24, 9, 40));
            return anna.Answered(policy, Utc(2026, 11, 24, 12, 0));
        }

        public static Touch HumanEmail(DateTime? at = null) => new Touch(Channel.Email, Origin.Human, at ?? Now, Id(700));

        public static Touch AutomatedEmail(DateTime? at = null) => new Touch(Channel.Email, Origin.Automated, at ?? Now, Id(701));
    }
}

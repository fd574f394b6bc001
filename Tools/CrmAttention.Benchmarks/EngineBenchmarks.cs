using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using CrmAttention.Engine;

namespace CrmAttention.Benchmarks
{
    /// <summary>
    /// The attention engine on already-parsed state: one evaluation against a full ledger (about 4,000 characters, the
    /// memo's limit), one automated email to 200 recipients, and reading/writing the ledger text itself.
    /// Target (issue 4): at least 1,000,000 single evaluations per second on one core, at most 1 KB allocated each.
    /// </summary>
    [MemoryDiagnoser]
    public class EngineBenchmarks
    {
        private static readonly DateTime Now = new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
        private AttentionPolicy _policy = null!;
        private AttentionPolicy _defaultPolicy = null!;
        private ContactState _fullContact = null!;
        private ContactState _coldContact = null!;
        private AccountState _account = null!;
        private Touch _humanEmail = null!;
        private Touch _automatedEmail = null!;
        private List<Recipient> _recipients = null!;
        private string _ledgerText = null!;
        private Ledger _ledger = null!;

        [GlobalSetup]
        public void Setup()
        {
            _defaultPolicy = AttentionPolicy.CreateDefault();
            _policy = AttentionPolicy.CreateDefault();
            _policy.MaxTouches = null;
            _policy.MaxAutomatedTouches = null;
            _policy.AccountMaxTouches = null;
            _policy.MinGapHours = 0;
            _policy.CoolDownAfterUnanswered = 0;
            _account = new AccountState { Id = Guid.NewGuid(), DisplayName = "Contoso" };
            _fullContact = new ContactState { Id = Guid.NewGuid(), DisplayName = "Anna Berg", Value = 25000m, OwnerId = Guid.NewGuid() };
            // A touch or response every two hours over the last 21 days fills the ledger past its 4,000 characters;
            // the formatted text keeps the newest ~230 entries, which is what a plugin reads back.
            var start = Now.AddDays(-21);
            var n = 0;
            for (var t = start; t < Now; t = t.AddHours(2))
            {
                var id = Guid.NewGuid();
                if (++n % 9 == 0) AttentionRecorder.RecordResponse(_fullContact, Channel.Email, t, id, _policy);
                else AttentionRecorder.RecordTouch(_fullContact, _account, new Touch((Channel)(n % 6), (Origin)(n % 2), t, id), _policy, t);
            }
            _ledgerText = _fullContact.Ledger.Format();
            _fullContact.Ledger = Ledger.Parse(_ledgerText);
            _ledger = _fullContact.Ledger;
            _coldContact = _fullContact.Clone();
            _humanEmail = new Touch(Channel.Email, Origin.Human, Now, Guid.NewGuid());
            _automatedEmail = new Touch(Channel.Email, Origin.Automated, Now, Guid.NewGuid());

            var policy = AttentionPolicy.CreateDefault();
            _recipients = new List<Recipient>();
            for (var i = 0; i < 200; i++)
            {
                var c = new ContactState { Id = Guid.NewGuid(), DisplayName = "Contact " + i, Value = i % 10 == 0 ? 50000m : 2000m, OwnerId = Guid.NewGuid() };
                for (var k = 0; k < i % 7; k++)
                {
                    var t = Now.AddDays(-1.7 * (k + 1));
                    AttentionRecorder.RecordTouch(c, null, new Touch((Channel)(k % 3), (Origin)(k % 2), t, Guid.NewGuid()), policy, t);
                }
                _recipients.Add(new Recipient(c, null, policy));
            }
        }

        [Benchmark(Description = "Evaluate, human email, full ledger (allowed)")]
        public Decision EvaluateFullLedger() => AttentionEngine.Evaluate(_humanEmail, _fullContact, _account, _policy, Now);

        [Benchmark(Description = "Evaluate, human email, full ledger, default caps (blocked, exact NextAllowedOn)")]
        public Decision EvaluateFullLedgerBlocked() => AttentionEngine.Evaluate(_humanEmail, _fullContact, _account, _defaultPolicy, Now);

        [Benchmark(Description = "Evaluate, automated email, full ledger (model rules)")]
        public Decision EvaluateAutomatedFullLedger() => AttentionEngine.Evaluate(_automatedEmail, _fullContact, _account, _policy, Now);

        /// <summary>What one plugin execution pays: read the memo, build the ledger index, evaluate.</summary>
        [Benchmark(Description = "Parse full ledger + evaluate (cold, as in a plugin)")]
        public Decision ParseAndEvaluate()
        {
            _coldContact.Ledger = Ledger.Parse(_ledgerText);
            return AttentionEngine.Evaluate(_humanEmail, _coldContact, null, _defaultPolicy, Now);
        }

        [Benchmark(Description = "Evaluate one email to 200 recipients")]
        public RecipientsResult EvaluateTwoHundredRecipients() => AttentionEngine.EvaluateRecipients(_automatedEmail, _recipients, Now);

        [Benchmark(Description = "Ledger parse (4,000 chars)")]
        public Ledger ParseLedger() => Ledger.Parse(_ledgerText);

        [Benchmark(Description = "Ledger format (4,000 chars)")]
        public string FormatLedger() => _ledger.Format();
    }
}

using System;
using CrmAttention.Engine;
using Microsoft.Xrm.Sdk;
using M = CrmAttention.Model;
using F = CrmAttention.Model.AttentionPolicy.Fields;

namespace CrmAttention.Plugins.Services
{
    /// <summary>
    /// Maps a cat_attentionpolicy row to the engine's <see cref="AttentionPolicy"/> and back. A null column keeps the
    /// engine's default (<see cref="PolicyDefaults"/>); choice values are 742800000 + the engine's code.
    /// </summary>
    public static class PolicyMapper
    {
        /// <summary>Every policy column the engine reads, for the ColumnSet of queries and images.</summary>
        public static readonly string[] Columns =
        {
            F.CatAttentionPolicyId, F.CatName, F.CatIsDefault, F.CatPriority, F.CatMode, F.CatWindowDays, F.CatMaxTouches, F.CatMaxAutomatedTouches,
            F.CatMaxEmailTouches, F.CatMaxPhoneTouches, F.CatMaxMeetingTouches, F.CatMaxLetterTouches, F.CatMaxSocialTouches, F.CatMaxSmsTouches,
            F.CatMinGapHours, F.CatCoolDownDays, F.CatCoolDownAfterUnanswered, F.CatAccountMaxTouches, F.CatAccountWindowDays, F.CatHalfLifeDays,
            F.CatAlpha, F.CatBeta, F.CatPressureTolerance, F.CatResponseDamping, F.CatLoadedBelow, F.CatSaturatedBelow, F.CatOversaturatedBelow,
            F.CatModelParameters, F.CatValueSource, F.CatValueThreshold, F.CatHumanFirst, F.CatCallSlaHours, F.CatReplyExemptionDays, F.CatConversationDays,
            F.CatAutomationTeams, F.CatAutomationMarkers, F.CatLoggingLevel,
        };

        /// <summary>The policy that applies when the organization has no policy row at all: built-in defaults, Audit mode (log, never block).</summary>
        public static AttentionPolicy BuiltInDefault()
        {
            var policy = AttentionPolicy.CreateDefault();
            policy.Name = "Built-in defaults";
            policy.Mode = PolicyMode.Audit;
            return policy;
        }

        /// <summary>
        /// Reads a policy from <paramref name="get"/> (a row, an image merged with a Target, or aliased link columns).
        /// The model parameters are parsed only when <paramref name="parseModel"/>; validation passes the text separately.
        /// </summary>
        public static AttentionPolicy FromValues(Func<string, object?> get, Guid id, bool parseModel = true)
        {
            var p = new AttentionPolicy { Id = id, IsDefault = false };
            if (get(F.CatName) is string name) p.Name = name;
            else p.Name = "";
            if (get(F.CatIsDefault) is bool isDefault) p.IsDefault = isDefault;
            if (get(F.CatPriority) is int priority) p.Priority = priority;
            if (get(F.CatMode) is OptionSetValue mode) p.Mode = (PolicyMode)Code(mode);
            if (get(F.CatWindowDays) is int window) p.WindowDays = window;
            p.MaxTouches = IntOr(get(F.CatMaxTouches), p.MaxTouches);
            p.MaxAutomatedTouches = IntOr(get(F.CatMaxAutomatedTouches), p.MaxAutomatedTouches);
            p.MaxEmailTouches = get(F.CatMaxEmailTouches) as int?;
            p.MaxPhoneTouches = get(F.CatMaxPhoneTouches) as int?;
            p.MaxMeetingTouches = get(F.CatMaxMeetingTouches) as int?;
            p.MaxLetterTouches = get(F.CatMaxLetterTouches) as int?;
            p.MaxSocialTouches = get(F.CatMaxSocialTouches) as int?;
            p.MaxSmsTouches = get(F.CatMaxSmsTouches) as int?;
            if (get(F.CatMinGapHours) is int gap) p.MinGapHours = gap;
            if (get(F.CatCoolDownDays) is int coolDown) p.CoolDownDays = coolDown;
            if (get(F.CatCoolDownAfterUnanswered) is int coolDownAfter) p.CoolDownAfterUnanswered = coolDownAfter;
            p.AccountMaxTouches = IntOr(get(F.CatAccountMaxTouches), p.AccountMaxTouches);
            if (get(F.CatAccountWindowDays) is int accountWindow) p.AccountWindowDays = accountWindow;
            if (get(F.CatHalfLifeDays) is decimal halfLife) p.HalfLifeDays = (double)halfLife;
            if (get(F.CatAlpha) is decimal alpha) p.Alpha = (double)alpha;
            if (get(F.CatBeta) is decimal beta) p.Beta = (double)beta;
            if (get(F.CatPressureTolerance) is decimal tolerance) p.PressureTolerance = (double)tolerance;
            if (get(F.CatResponseDamping) is decimal damping) p.ResponseDamping = (double)damping;
            if (get(F.CatLoadedBelow) is decimal loaded) p.LoadedBelow = (double)loaded;
            if (get(F.CatSaturatedBelow) is decimal saturated) p.SaturatedBelow = (double)saturated;
            if (get(F.CatOversaturatedBelow) is decimal oversaturated) p.OversaturatedBelow = (double)oversaturated;
            if (parseModel && get(F.CatModelParameters) is string model && model.Trim().Length > 0) p.Model = ModelParameters.Parse(model);
            if (get(F.CatValueSource) is OptionSetValue source) p.ValueSource = (ValueSource)Code(source);
            if (get(F.CatValueThreshold) is decimal threshold) p.ValueThreshold = threshold;
            if (get(F.CatHumanFirst) is bool humanFirst) p.HumanFirst = humanFirst;
            if (get(F.CatCallSlaHours) is int sla) p.CallSlaHours = sla;
            if (get(F.CatReplyExemptionDays) is int replyDays) p.ReplyExemptionDays = replyDays;
            if (get(F.CatConversationDays) is int conversationDays) p.ConversationDays = conversationDays;
            p.AutomationTeams = AttentionPolicy.SplitLines(get(F.CatAutomationTeams) as string);
            p.AutomationMarkers = AttentionPolicy.SplitLines(get(F.CatAutomationMarkers) as string);
            if (get(F.CatLoggingLevel) is OptionSetValue logging) p.LoggingLevel = (LoggingLevel)Code(logging);
            return p;
        }

        /// <summary>Reads a policy from a row (Retrieve or image), unwrapping nothing.</summary>
        public static AttentionPolicy FromEntity(Entity row, bool parseModel = true) =>
            FromValues(name => row.Contains(name) ? row[name] : null, row.Id, parseModel);

        /// <summary>Reads a policy from the columns of a link-entity with <paramref name="alias"/>; null when the link found no row.</summary>
        public static AttentionPolicy? FromAliased(Entity row, string alias)
        {
            var id = Row.Aliased<Guid?>(row, alias, F.CatAttentionPolicyId);
            if (id is null) return null;
            return FromValues(name => Row.Aliased<object>(row, alias, name), id.Value);
        }

        /// <summary>The engine code of a choice value (742800000 + code).</summary>
        public static int Code(OptionSetValue value) => value.Value - M.Choices.OptionValueBase;

        /// <summary>The choice value of an engine code.</summary>
        public static OptionSetValue Choice(int code) => new OptionSetValue(M.Choices.OptionValueBase + code);

        private static int? IntOr(object? value, int? fallback) => value is int i ? i : fallback;
    }

    /// <summary>Small helpers for reading rows returned by the organization service.</summary>
    public static class Row
    {
        public static T? Aliased<T>(Entity row, string alias, string column)
        {
            var key = alias + "." + column;
            if (!row.Contains(key)) return default;
            var value = row[key] is AliasedValue a ? a.Value : row[key];
            return value is T t ? t : default;
        }

        public static T? Get<T>(Entity? row, string column) => row != null && row.Contains(column) && row[column] is T t ? t : default;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using CrmAttention.Engine;
using CrmAttention.Model.EarlyBound;
using Microsoft.Xrm.Sdk;
using F = CrmAttention.Model.AttentionPolicy.Fields;
using M = CrmAttention.Model;

namespace CrmAttention.Plugins.Services
{
    /// <summary>
    /// One property of the engine's <see cref="AttentionPolicy"/> and where it lives: its cat_attentionpolicy column
    /// (read and written through the early-bound <see cref="cat_AttentionPolicy"/>) and its name in a policy file.
    /// A property without a column or file name says why. <see cref="PolicyMapper.Fields"/> lists every property
    /// once; every mapping of a policy (row → engine, engine → row, file ↔ engine) goes through that one table.
    /// </summary>
    public sealed class PolicyField
    {
        private readonly Func<AttentionPolicy, object?> _get;
        private readonly Action<AttentionPolicy, object?> _set;
        private readonly Func<cat_AttentionPolicy, object?>? _readRow;
        private readonly Action<cat_AttentionPolicy, object?>? _writeRow;

        internal PolicyField(string property, Type valueType, Func<AttentionPolicy, object?> get, Action<AttentionPolicy, object?> set,
            string? column, Func<cat_AttentionPolicy, object?>? readRow, Action<cat_AttentionPolicy, object?>? writeRow, string? noColumnBecause,
            string? fileName, string? notInFileBecause)
        {
            Property = property;
            ValueType = valueType;
            _get = get;
            _set = set;
            Column = column;
            _readRow = readRow;
            _writeRow = writeRow;
            NoColumnBecause = noColumnBecause;
            FileName = fileName;
            NotInFileBecause = notInFileBecause;
        }

        /// <summary>Name of the <see cref="AttentionPolicy"/> property.</summary>
        public string Property { get; }

        /// <summary>The property's type: the engine value a policy file holds (ModelParameters travel as the engine's text format).</summary>
        public Type ValueType { get; }

        /// <summary>Logical name of the column, or null (then <see cref="NoColumnBecause"/> says why).</summary>
        public string? Column { get; }

        public string? NoColumnBecause { get; }

        /// <summary>Camel-case name in a policy file, or null (then <see cref="NotInFileBecause"/> says why).</summary>
        public string? FileName { get; }

        public string? NotInFileBecause { get; }

        public object? GetValue(AttentionPolicy policy) => _get(policy);

        public void SetValue(AttentionPolicy policy, object? value) => _set(policy, value);

        /// <summary>The engine value the row holds, or null when the column is empty (the policy keeps its default).</summary>
        internal object? ReadRow(cat_AttentionPolicy row) => _readRow?.Invoke(row);

        internal void WriteRow(cat_AttentionPolicy row, AttentionPolicy policy) => _writeRow?.Invoke(row, _get(policy));
    }

    /// <summary>
    /// Maps a cat_attentionpolicy row to the engine's <see cref="AttentionPolicy"/> and back, through <see cref="Fields"/>.
    /// An empty column keeps the engine's default (<see cref="PolicyDefaults"/>), except the name, which reads as "";
    /// choice values are 742800000 + the engine's code.
    /// </summary>
    public static class PolicyMapper
    {
        /// <summary>Every property of <see cref="AttentionPolicy"/>, in policy-file order.</summary>
        public static readonly IReadOnlyList<PolicyField> Fields = new[]
        {
            Field(nameof(AttentionPolicy.Id), typeof(Guid), p => p.Id, (p, v) => p.Id = (Guid)v!,
                F.CatAttentionPolicyId, r => r.Id == Guid.Empty ? null : (object)r.Id, (r, v) => { if ((Guid)v! != Guid.Empty) r.Id = (Guid)v; },
                notInFile: "a file describes a policy, not one row of it; Dataverse assigns the id"),
            Field(nameof(AttentionPolicy.Name), typeof(string), p => p.Name, (p, v) => p.Name = (string)v!, F.CatName, r => r.cat_Name, (r, v) => r.cat_Name = (string?)v, file: "name"),
            Field(nameof(AttentionPolicy.IsDefault), typeof(bool), p => p.IsDefault, (p, v) => p.IsDefault = (bool)v!, F.CatIsDefault, r => r.cat_IsDefault, (r, v) => r.cat_IsDefault = (bool?)v,
                notInFile: "the CLI runs one policy, which is the default by construction"),
            Field(nameof(AttentionPolicy.Priority), typeof(int), p => p.Priority, (p, v) => p.Priority = (int)v!, F.CatPriority, r => r.cat_Priority, (r, v) => r.cat_Priority = (int?)v,
                notInFile: "it only breaks ties between default rows of an organization"),
            Field(nameof(AttentionPolicy.Description), typeof(string), p => p.Description, (p, v) => p.Description = (string?)v, F.CatDescription, r => r.cat_Description, (r, v) => r.cat_Description = (string?)v, file: "description"),
            Field(nameof(AttentionPolicy.Mode), typeof(PolicyMode), p => p.Mode, (p, v) => p.Mode = (PolicyMode)v!,
                F.CatMode, r => r.cat_Mode is cat_policymode m ? (object)(PolicyMode)Code((int)m) : null, (r, v) => r.cat_Mode = (cat_policymode)ChoiceValue((int)(PolicyMode)v!), file: "mode"),
            Int(nameof(AttentionPolicy.WindowDays), p => p.WindowDays, (p, v) => p.WindowDays = v, F.CatWindowDays, r => r.cat_WindowDays, (r, v) => r.cat_WindowDays = v),
            Cap(nameof(AttentionPolicy.MaxTouches), p => p.MaxTouches, (p, v) => p.MaxTouches = v, F.CatMaxTouches, r => r.cat_MaxTouches, (r, v) => r.cat_MaxTouches = v),
            Cap(nameof(AttentionPolicy.MaxAutomatedTouches), p => p.MaxAutomatedTouches, (p, v) => p.MaxAutomatedTouches = v, F.CatMaxAutomatedTouches, r => r.cat_MaxAutomatedTouches, (r, v) => r.cat_MaxAutomatedTouches = v),
            Cap(nameof(AttentionPolicy.MaxEmailTouches), p => p.MaxEmailTouches, (p, v) => p.MaxEmailTouches = v, F.CatMaxEmailTouches, r => r.cat_MaxEmailTouches, (r, v) => r.cat_MaxEmailTouches = v),
            Cap(nameof(AttentionPolicy.MaxPhoneTouches), p => p.MaxPhoneTouches, (p, v) => p.MaxPhoneTouches = v, F.CatMaxPhoneTouches, r => r.cat_MaxPhoneTouches, (r, v) => r.cat_MaxPhoneTouches = v),
            Cap(nameof(AttentionPolicy.MaxMeetingTouches), p => p.MaxMeetingTouches, (p, v) => p.MaxMeetingTouches = v, F.CatMaxMeetingTouches, r => r.cat_MaxMeetingTouches, (r, v) => r.cat_MaxMeetingTouches = v),
            Cap(nameof(AttentionPolicy.MaxLetterTouches), p => p.MaxLetterTouches, (p, v) => p.MaxLetterTouches = v, F.CatMaxLetterTouches, r => r.cat_MaxLetterTouches, (r, v) => r.cat_MaxLetterTouches = v),
            Cap(nameof(AttentionPolicy.MaxSocialTouches), p => p.MaxSocialTouches, (p, v) => p.MaxSocialTouches = v, F.CatMaxSocialTouches, r => r.cat_MaxSocialTouches, (r, v) => r.cat_MaxSocialTouches = v),
            Cap(nameof(AttentionPolicy.MaxSmsTouches), p => p.MaxSmsTouches, (p, v) => p.MaxSmsTouches = v, F.CatMaxSmsTouches, r => r.cat_MaxSmsTouches, (r, v) => r.cat_MaxSmsTouches = v),
            // The column holds whole hours; the engine (and a policy file) may use fractions.
            Field(nameof(AttentionPolicy.MinGapHours), typeof(double), p => p.MinGapHours, (p, v) => p.MinGapHours = (double)v!,
                F.CatMinGapHours, r => r.cat_MinGapHours is int h ? (object)(double)h : null, (r, v) => r.cat_MinGapHours = (int)Math.Round((double)v!), file: "minGapHours"),
            Int(nameof(AttentionPolicy.CoolDownDays), p => p.CoolDownDays, (p, v) => p.CoolDownDays = v, F.CatCoolDownDays, r => r.cat_CoolDownDays, (r, v) => r.cat_CoolDownDays = v),
            Int(nameof(AttentionPolicy.CoolDownAfterUnanswered), p => p.CoolDownAfterUnanswered, (p, v) => p.CoolDownAfterUnanswered = v, F.CatCoolDownAfterUnanswered, r => r.cat_CoolDownAfterUnanswered, (r, v) => r.cat_CoolDownAfterUnanswered = v),
            Cap(nameof(AttentionPolicy.AccountMaxTouches), p => p.AccountMaxTouches, (p, v) => p.AccountMaxTouches = v, F.CatAccountMaxTouches, r => r.cat_AccountMaxTouches, (r, v) => r.cat_AccountMaxTouches = v),
            Int(nameof(AttentionPolicy.AccountWindowDays), p => p.AccountWindowDays, (p, v) => p.AccountWindowDays = v, F.CatAccountWindowDays, r => r.cat_AccountWindowDays, (r, v) => r.cat_AccountWindowDays = v),
            Real(nameof(AttentionPolicy.HalfLifeDays), p => p.HalfLifeDays, (p, v) => p.HalfLifeDays = v, F.CatHalfLifeDays, r => r.cat_HalfLifeDays, (r, v) => r.cat_HalfLifeDays = v),
            Real(nameof(AttentionPolicy.Alpha), p => p.Alpha, (p, v) => p.Alpha = v, F.CatAlpha, r => r.cat_Alpha, (r, v) => r.cat_Alpha = v),
            Real(nameof(AttentionPolicy.Beta), p => p.Beta, (p, v) => p.Beta = v, F.CatBeta, r => r.cat_Beta, (r, v) => r.cat_Beta = v),
            Real(nameof(AttentionPolicy.PressureTolerance), p => p.PressureTolerance, (p, v) => p.PressureTolerance = v, F.CatPressureTolerance, r => r.cat_PressureTolerance, (r, v) => r.cat_PressureTolerance = v),
            Real(nameof(AttentionPolicy.ResponseDamping), p => p.ResponseDamping, (p, v) => p.ResponseDamping = v, F.CatResponseDamping, r => r.cat_ResponseDamping, (r, v) => r.cat_ResponseDamping = v),
            Real(nameof(AttentionPolicy.LoadedBelow), p => p.LoadedBelow, (p, v) => p.LoadedBelow = v, F.CatLoadedBelow, r => r.cat_LoadedBelow, (r, v) => r.cat_LoadedBelow = v),
            Real(nameof(AttentionPolicy.SaturatedBelow), p => p.SaturatedBelow, (p, v) => p.SaturatedBelow = v, F.CatSaturatedBelow, r => r.cat_SaturatedBelow, (r, v) => r.cat_SaturatedBelow = v),
            Real(nameof(AttentionPolicy.OversaturatedBelow), p => p.OversaturatedBelow, (p, v) => p.OversaturatedBelow = v, F.CatOversaturatedBelow, r => r.cat_OversaturatedBelow, (r, v) => r.cat_OversaturatedBelow = v),
            // Read as text: the caller validates and parses it (FromValues, PolicyFile), so a bad text is reported, not thrown.
            Field(nameof(AttentionPolicy.Model), typeof(ModelParameters), p => p.Model, (p, v) => p.Model = (ModelParameters)v!,
                F.CatModelParameters, r => r.cat_ModelParameters is string text && text.Trim().Length > 0 ? text : null, (r, v) => r.cat_ModelParameters = ((ModelParameters)v!).Format(), file: "modelParameters"),
            Field(nameof(AttentionPolicy.ValueSource), typeof(ValueSource), p => p.ValueSource, (p, v) => p.ValueSource = (ValueSource)v!,
                F.CatValueSource, r => r.cat_ValueSource is cat_valuesource s ? (object)(ValueSource)Code((int)s) : null, (r, v) => r.cat_ValueSource = (cat_valuesource)ChoiceValue((int)(ValueSource)v!), file: "valueSource"),
            Field(nameof(AttentionPolicy.ValueThreshold), typeof(decimal), p => p.ValueThreshold, (p, v) => p.ValueThreshold = (decimal)v!, F.CatValueThreshold, r => r.cat_ValueThreshold, (r, v) => r.cat_ValueThreshold = (decimal?)v, file: "valueThreshold"),
            Field(nameof(AttentionPolicy.HumanFirst), typeof(bool), p => p.HumanFirst, (p, v) => p.HumanFirst = (bool)v!, F.CatHumanFirst, r => r.cat_HumanFirst, (r, v) => r.cat_HumanFirst = (bool?)v, file: "humanFirst"),
            Int(nameof(AttentionPolicy.CallSlaHours), p => p.CallSlaHours, (p, v) => p.CallSlaHours = v, F.CatCallSlaHours, r => r.cat_CallSlaHours, (r, v) => r.cat_CallSlaHours = v),
            Int(nameof(AttentionPolicy.ReplyExemptionDays), p => p.ReplyExemptionDays, (p, v) => p.ReplyExemptionDays = v, F.CatReplyExemptionDays, r => r.cat_ReplyExemptionDays, (r, v) => r.cat_ReplyExemptionDays = v),
            Int(nameof(AttentionPolicy.ConversationDays), p => p.ConversationDays, (p, v) => p.ConversationDays = v, F.CatConversationDays, r => r.cat_ConversationDays, (r, v) => r.cat_ConversationDays = v),
            Lines(nameof(AttentionPolicy.AutomationTeams), p => p.AutomationTeams, (p, v) => p.AutomationTeams = v, F.CatAutomationTeams, r => r.cat_AutomationTeams, (r, v) => r.cat_AutomationTeams = v),
            Lines(nameof(AttentionPolicy.AutomationMarkers), p => p.AutomationMarkers, (p, v) => p.AutomationMarkers = v, F.CatAutomationMarkers, r => r.cat_AutomationMarkers, (r, v) => r.cat_AutomationMarkers = v),
            Field(nameof(AttentionPolicy.LoggingLevel), typeof(LoggingLevel), p => p.LoggingLevel, (p, v) => p.LoggingLevel = (LoggingLevel)v!,
                F.CatLoggingLevel, r => r.cat_LoggingLevel is cat_logginglevel l ? (object)(LoggingLevel)Code((int)l) : null, (r, v) => r.cat_LoggingLevel = (cat_logginglevel)ChoiceValue((int)(LoggingLevel)v!), file: "loggingLevel"),
            Field(nameof(AttentionPolicy.PendingExpiryHours), typeof(double), p => p.PendingExpiryHours, (p, v) => p.PendingExpiryHours = (double)v!,
                null, null, null, noColumn: "an engine setting, not a policy choice", notInFile: "an engine setting, not a policy choice"),
        };

        /// <summary>Every policy column the engine reads, for the ColumnSet of queries and images.</summary>
        public static readonly string[] Columns = Fields.Where(f => f.Column != null).Select(f => f.Column!).ToArray();

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
            var row = new cat_AttentionPolicy();
            foreach (var column in Columns)
            {
                if (get(column) is object value) row[column] = value;
            }
            row.Id = id;
            return FromRow(row, parseModel);
        }

        /// <summary>Reads a policy from a row (Retrieve or image), unwrapping nothing.</summary>
        public static AttentionPolicy FromEntity(Entity row, bool parseModel = true) =>
            FromRow(row.LogicalName == M.AttentionPolicy.EntityLogicalName ? row.ToEntity<cat_AttentionPolicy>() : Copy(row), parseModel);

        /// <summary>
        /// The engine's policy of a row: each empty column keeps the engine's default, except the name (""); a row
        /// says nothing about IsDefault unless its column is set.
        /// </summary>
        public static AttentionPolicy FromRow(cat_AttentionPolicy row, bool parseModel = true)
        {
            var policy = new AttentionPolicy { Name = "", IsDefault = false };
            foreach (var field in Fields)
            {
                var value = field.ReadRow(row);
                if (value is null) continue;
                if (value is string text && field.ValueType == typeof(ModelParameters))
                {
                    if (parseModel) policy.Model = ModelParameters.Parse(text);
                    continue;
                }
                field.SetValue(policy, value);
            }
            return policy;
        }

        /// <summary>The row for a policy: every mapped column written (empty ones as null), the id only when the policy has one.</summary>
        public static cat_AttentionPolicy ToRow(AttentionPolicy policy)
        {
            var row = new cat_AttentionPolicy();
            foreach (var field in Fields) field.WriteRow(row, policy);
            return row;
        }

        /// <summary>Reads a policy from the columns of a link-entity with <paramref name="alias"/>; null when the link found no row.</summary>
        public static AttentionPolicy? FromAliased(Entity row, string alias)
        {
            var id = Row.Aliased<Guid?>(row, alias, F.CatAttentionPolicyId);
            if (id is null) return null;
            return FromValues(name => Row.Aliased<object>(row, alias, name), id.Value);
        }

        /// <summary>The engine code of a choice value (742800000 + code).</summary>
        public static int Code(OptionSetValue value) => Code(value.Value);

        /// <summary>The choice value of an engine code.</summary>
        public static OptionSetValue Choice(int code) => new OptionSetValue(ChoiceValue(code));

        private static int Code(int value) => value - M.Choices.OptionValueBase;

        private static int ChoiceValue(int code) => M.Choices.OptionValueBase + code;

        private static cat_AttentionPolicy Copy(Entity row)
        {
            var copy = new cat_AttentionPolicy();
            foreach (var a in row.Attributes) copy[a.Key] = a.Value;
            copy.Id = row.Id;
            return copy;
        }

        private static PolicyField Field(string property, Type type, Func<AttentionPolicy, object?> get, Action<AttentionPolicy, object?> set,
            string? column, Func<cat_AttentionPolicy, object?>? read, Action<cat_AttentionPolicy, object?>? write,
            string? file = null, string? noColumn = null, string? notInFile = null) =>
            new PolicyField(property, type, get, set, column, read, write, noColumn, file, notInFile);

        private static string FileName(string property) => char.ToLowerInvariant(property[0]) + property.Substring(1);

        private static PolicyField Int(string property, Func<AttentionPolicy, int> get, Action<AttentionPolicy, int> set, string column,
            Func<cat_AttentionPolicy, int?> read, Action<cat_AttentionPolicy, int?> write) =>
            Field(property, typeof(int), p => get(p), (p, v) => set(p, (int)v!), column, r => read(r), (r, v) => write(r, (int?)v), FileName(property));

        /// <summary>A cap: null means "no cap" in the engine; an empty column keeps the engine's default, which is null for the channel caps.</summary>
        private static PolicyField Cap(string property, Func<AttentionPolicy, int?> get, Action<AttentionPolicy, int?> set, string column,
            Func<cat_AttentionPolicy, int?> read, Action<cat_AttentionPolicy, int?> write) =>
            Field(property, typeof(int?), p => get(p), (p, v) => set(p, (int?)v), column, r => read(r), (r, v) => write(r, (int?)v), FileName(property));

        /// <summary>A decimal column holding one of the engine's doubles.</summary>
        private static PolicyField Real(string property, Func<AttentionPolicy, double> get, Action<AttentionPolicy, double> set, string column,
            Func<cat_AttentionPolicy, decimal?> read, Action<cat_AttentionPolicy, decimal?> write) =>
            Field(property, typeof(double), p => get(p), (p, v) => set(p, (double)v!), column,
                r => read(r) is decimal d ? (object)(double)d : null, (r, v) => write(r, (decimal)(double)v!), FileName(property));

        /// <summary>A one-entry-per-line memo: empty reads as no entries, no entries write an empty column.</summary>
        private static PolicyField Lines(string property, Func<AttentionPolicy, IList<string>> get, Action<AttentionPolicy, IList<string>> set, string column,
            Func<cat_AttentionPolicy, string?> read, Action<cat_AttentionPolicy, string?> write) =>
            Field(property, typeof(IList<string>), p => get(p), (p, v) => set(p, (IList<string>)v!), column,
                r => read(r) is string text ? AttentionPolicy.SplitLines(text) : null,
                (r, v) => write(r, v is IList<string> lines && lines.Count > 0 ? string.Join("\n", lines) : null), FileName(property));
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

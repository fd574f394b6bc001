namespace CrmAttention.Engine
{
    /// <summary>
    /// One invalid policy value. <see cref="Field"/> is the column's logical name (e.g. cat_windowdays) so a
    /// plugin can attach the error to the field; the messages name the field by its display name.
    /// </summary>
    public sealed class PolicyError
    {
        public PolicyError(string field, string displayNameEnglish, string displayNameGerman, string messageEnglish, string messageGerman)
        {
            Field = field;
            DisplayNameEnglish = displayNameEnglish;
            DisplayNameGerman = displayNameGerman;
            MessageEnglish = messageEnglish;
            MessageGerman = messageGerman;
        }

        public string Field { get; }

        public string DisplayNameEnglish { get; }

        public string DisplayNameGerman { get; }

        public string MessageEnglish { get; }

        public string MessageGerman { get; }

        public string GetMessage(MessageFormat format) => format.IsGerman ? MessageGerman : MessageEnglish;

        public override string ToString() => Field + ": " + MessageEnglish;
    }
}

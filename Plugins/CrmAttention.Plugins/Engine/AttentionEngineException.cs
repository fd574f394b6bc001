using System;

namespace CrmAttention.Engine
{
    /// <summary>
    /// A failure the engine reports with a message a user can read, in English and German. The plugin base class
    /// turns it into an InvalidPluginExecutionException once, in the user's language.
    /// </summary>
    public sealed class AttentionEngineException : Exception
    {
        public AttentionEngineException(string messageEnglish, string messageGerman)
            : base(messageEnglish)
        {
            MessageGerman = messageGerman;
        }

        public string MessageGerman { get; }

        public string GetMessage(MessageFormat format) => format.IsGerman ? MessageGerman : Message;
    }
}

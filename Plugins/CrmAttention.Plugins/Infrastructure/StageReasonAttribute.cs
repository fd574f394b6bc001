using System;

namespace CrmAttention.Plugins.Infrastructure
{
    /// <summary>
    /// Why a handler's steps run at the stage they are declared for, by the platform's rules (transaction boundary,
    /// images, when the Target can still be changed). Written once next to the handler; docs/plugins.md is generated
    /// from it together with the step declarations, so the explanation cannot drift from the registration.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class StageReasonAttribute : Attribute
    {
        public StageReasonAttribute(string reason)
        {
            Reason = reason;
        }

        public string Reason { get; }
    }
}

using System;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>
    /// Names the column behind a property of an early-bound class (code generators put it on every typed
    /// property). As in the real SDK a blank name throws ArgumentNullException.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class AttributeLogicalNameAttribute : Attribute
    {
        public AttributeLogicalNameAttribute(string logicalName)
        {
            if (string.IsNullOrWhiteSpace(logicalName))
            {
                throw new ArgumentNullException(nameof(logicalName));
            }

            LogicalName = logicalName;
        }

        public string LogicalName { get; private set; }
    }
}

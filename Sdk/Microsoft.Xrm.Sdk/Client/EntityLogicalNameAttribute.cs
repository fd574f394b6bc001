using System;

namespace Microsoft.Xrm.Sdk.Client
{
    /// <summary>
    /// Names the table of an early-bound class. <see cref="Entity.ToEntity{T}"/> reads it to check that a row
    /// may become that class. As in the real SDK a blank name throws ArgumentNullException.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class EntityLogicalNameAttribute : Attribute
    {
        public EntityLogicalNameAttribute(string logicalName)
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

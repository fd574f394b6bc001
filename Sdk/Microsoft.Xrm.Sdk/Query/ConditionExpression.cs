using System;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    /// <summary>
    /// One condition: column, operator and values. EntityName names a link-entity alias when the condition sits
    /// in the root filter but tests a linked table's column.
    /// </summary>
    [DataContract(Name = "ConditionExpression", Namespace = XrmContracts.V2011)]
    [KnownType("GetKnownTypes")]
    public sealed class ConditionExpression : IExtensibleDataObject
    {
        private DataCollection<object> values;

        public ConditionExpression()
        {
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, params object[] values)
            : this(null, attributeName, conditionOperator, values)
        {
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, params object[] values)
        {
            EntityName = entityName;
            AttributeName = attributeName;
            Operator = conditionOperator;
            Values.AddRange(values);
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, object value)
            : this(null, attributeName, conditionOperator, new[] { value })
        {
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, object value)
            : this(entityName, attributeName, conditionOperator, new[] { value })
        {
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator)
            : this(null, attributeName, conditionOperator, Array.Empty<object>())
        {
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator)
            : this(entityName, attributeName, conditionOperator, Array.Empty<object>())
        {
        }

        /// <summary>
        /// Takes each item of a non-object[] collection (an int[] or a List&lt;Guid&gt; for In) as one value,
        /// instead of the collection as a single value.
        /// </summary>
        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, ICollection values)
        {
            AttributeName = attributeName;
            Operator = conditionOperator;
            if (values != null)
            {
                foreach (object value in values)
                {
                    Values.Add(value);
                }
            }
        }

        [DataMember]
        public string EntityName { get; set; }

        [DataMember]
        public string AttributeName { get; set; }

        [DataMember]
        public ConditionOperator Operator { get; set; }

        [DataMember]
        public DataCollection<object> Values
        {
            get => values ??= new DataCollection<object>();
            private set => values = value;
        }

        public ExtensionDataObject ExtensionData { get; set; }

        private static IEnumerable<Type> GetKnownTypes() => XrmKnownTypes.Values;
    }
}

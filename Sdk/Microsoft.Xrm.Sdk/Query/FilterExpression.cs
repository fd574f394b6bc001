using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    /// <summary>Conditions and nested filters joined by And (the default) or Or.</summary>
    [DataContract(Name = "FilterExpression", Namespace = XrmContracts.V2011)]
    public sealed class FilterExpression : IExtensibleDataObject
    {
        private DataCollection<ConditionExpression> conditions;
        private DataCollection<FilterExpression> filters;

        public FilterExpression()
        {
        }

        public FilterExpression(LogicalOperator filterOperator)
        {
            FilterOperator = filterOperator;
        }

        [DataMember]
        public LogicalOperator FilterOperator { get; set; }

        [DataMember]
        public string FilterHint { get; set; }

        [DataMember]
        public DataCollection<ConditionExpression> Conditions
        {
            get => conditions ??= new DataCollection<ConditionExpression>();
            private set => conditions = value;
        }

        [DataMember]
        public DataCollection<FilterExpression> Filters
        {
            get => filters ??= new DataCollection<FilterExpression>();
            private set => filters = value;
        }

        [DataMember]
        public bool IsQuickFindFilter { get; set; }

        public ExtensionDataObject ExtensionData { get; set; }

        public void AddCondition(string attributeName, ConditionOperator conditionOperator, params object[] values)
        {
            Conditions.Add(new ConditionExpression(attributeName, conditionOperator, values));
        }

        public void AddCondition(string entityName, string attributeName, ConditionOperator conditionOperator, params object[] values)
        {
            Conditions.Add(new ConditionExpression(entityName, attributeName, conditionOperator, values));
        }

        public void AddCondition(ConditionExpression condition)
        {
            Conditions.Add(condition);
        }

        /// <summary>Adds a new, empty child filter and returns it so conditions can be added to it.</summary>
        public FilterExpression AddFilter(LogicalOperator logicalOperator)
        {
            FilterExpression child = new FilterExpression(logicalOperator);
            Filters.Add(child);
            return child;
        }

        /// <summary>Adds the child filter; a null child is ignored, as in the real SDK.</summary>
        public void AddFilter(FilterExpression childFilter)
        {
            if (childFilter == null)
            {
                return;
            }

            Filters.Add(childFilter);
        }
    }
}

using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>
    /// Types that may appear as an untyped value (an attribute, a request parameter, a response result, an
    /// error detail). The data contract serializer must know them in advance to write and read
    /// <c>i:type</c>; primitives (string, int, long, decimal, double, bool, DateTime, Guid) are always known.
    /// </summary>
    internal static class XrmKnownTypes
    {
        internal static readonly Type[] Values =
        {
            typeof(Entity),
            typeof(EntityReference),
            typeof(EntityCollection),
            typeof(EntityReferenceCollection),
            typeof(Money),
            typeof(OptionSetValue),
            typeof(OptionSetValueCollection),
            typeof(AliasedValue),
            typeof(Relationship),
            typeof(EntityState),
            typeof(EntityRole),
            typeof(ConcurrencyBehavior),
            typeof(OrganizationRequestCollection),
            typeof(OrganizationResponseCollection),
            typeof(ExecuteMultipleSettings),
            typeof(ExecuteMultipleResponseItemCollection),
            typeof(OrganizationServiceFault),
            typeof(ColumnSet),
            typeof(QueryExpression),
            typeof(QueryByAttribute),
            typeof(FetchExpression),
            typeof(PagingInfo),
            typeof(ConditionOperator),
            typeof(string[]),
            typeof(int[]),
            typeof(long[]),
            typeof(decimal[]),
            typeof(double[]),
            typeof(bool[]),
            typeof(Guid[]),
            typeof(DateTime[]),
            typeof(object[]),
            typeof(byte[]),
            typeof(Entity[]),
            typeof(EntityReference[]),
        };

        internal static readonly Type[] Messages =
        {
            typeof(CreateRequest),
            typeof(CreateResponse),
            typeof(RetrieveRequest),
            typeof(RetrieveResponse),
            typeof(UpdateRequest),
            typeof(UpdateResponse),
            typeof(DeleteRequest),
            typeof(DeleteResponse),
            typeof(RetrieveMultipleRequest),
            typeof(RetrieveMultipleResponse),
            typeof(UpsertRequest),
            typeof(UpsertResponse),
            typeof(AssociateRequest),
            typeof(AssociateResponse),
            typeof(DisassociateRequest),
            typeof(DisassociateResponse),
            typeof(ExecuteMultipleRequest),
            typeof(ExecuteMultipleResponse),
            typeof(ExecuteTransactionRequest),
            typeof(ExecuteTransactionResponse),
        };

        internal static IEnumerable<Type> ValuesAndMessages()
        {
            foreach (Type type in Values)
            {
                yield return type;
            }

            foreach (Type type in Messages)
            {
                yield return type;
            }
        }
    }
}

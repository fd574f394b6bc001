using System;
using System.Globalization;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Query
{
    /// <summary>
    /// The faults the query engine raises, with the platform's error codes. Dataverse localizes its error text
    /// into the caller's UI language; the engine does the same for English (1033) and German (1031).
    /// </summary>
    public static class QueryFaults
    {
        /// <summary>0x80040203 InvalidArgument: a malformed query or a value that does not fit the column.</summary>
        public const int InvalidArgument = -2147220989;

        /// <summary>0x8004E023 AggregateQueryRecordLimit: an aggregate query touched more rows than allowed.</summary>
        public const int AggregateQueryRecordLimitExceeded = -2147164125;

        /// <summary>0x80041120: Contains/DoesNotContain on a column without a full-text index.</summary>
        public const int UnknownConditionOperator = -2147217120;

        /// <summary>0x80041103 QueryBuilderNoAttribute: a query names an alias or column that does not exist.</summary>
        public const int QueryBuilderNoAttribute = -2147217149;

        internal static FaultException<OrganizationServiceFault> Fault(QueryContext context, int code, string english, string german, params object?[] args)
        {
            var text = string.Format(CultureInfo.InvariantCulture, context.LanguageCode == 1031 ? german : english, args);
            var fault = new OrganizationServiceFault { ErrorCode = code, Message = text, Timestamp = context.UtcNow };
            return new FaultException<OrganizationServiceFault>(fault, new FaultReason(text));
        }

        internal static FaultException<OrganizationServiceFault> Invalid(QueryContext context, string english, string german, params object?[] args) =>
            Fault(context, InvalidArgument, english, german, args);

        internal static NotSupportedException NotSupported(QueryContext context, string english, string german, params object?[] args) =>
            new NotSupportedException(string.Format(CultureInfo.InvariantCulture, context.LanguageCode == 1031 ? german : english, args));
    }
}

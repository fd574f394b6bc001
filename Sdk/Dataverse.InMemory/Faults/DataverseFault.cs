using System;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Faults
{
    /// <summary>
    /// The error codes Dataverse puts in <see cref="OrganizationServiceFault.ErrorCode"/> for the failures the
    /// in-memory service reproduces. Callers and plugins branch on these numbers, so they are the platform's own.
    /// </summary>
    public static class ErrorCodes
    {
        /// <summary>ObjectDoesNotExist (0x80040217): Retrieve, Update or Delete of a missing row.</summary>
        public const int ObjectDoesNotExist = -2147220969;

        /// <summary>DuplicateRecord (0x80040237): Create with an id (or N:N association) that already exists.</summary>
        public const int DuplicateRecord = -2147220937;

        /// <summary>ConcurrencyVersionMismatch (0x80060882): IfRowVersionMatches with a stale RowVersion.</summary>
        public const int ConcurrencyVersionMismatch = -2147088254;

        /// <summary>ConcurrencyVersionNotProvided (0x80060883): IfRowVersionMatches without a RowVersion.</summary>
        public const int ConcurrencyVersionNotProvided = -2147088253;

        /// <summary>IsvAborted (0x80040265): a plugin threw InvalidPluginExecutionException; the message is the plugin's.</summary>
        public const int IsvAborted = -2147220891;

        /// <summary>IsvUnExpected (0x80040224): a plugin threw any other exception.</summary>
        public const int IsvUnexpected = -2147220956;

        /// <summary>InvalidArgument (0x80040203): a value of the wrong type, or a required value missing.</summary>
        public const int InvalidArgument = -2147220989;

        /// <summary>QueryBuilderNoAttribute (0x80041103): a column the table does not have.</summary>
        public const int AttributeDoesNotExist = -2147217149;

        /// <summary>QueryBuilderNoEntity (0x80041102): a table the organization does not have.</summary>
        public const int EntityDoesNotExist = -2147217150;

        /// <summary>SdkCorrelationTokenDepthTooHigh (0x80044182): the depth limit (8) was passed; the platform calls it an infinite loop.</summary>
        public const int InfiniteLoop = -2147204734;

        /// <summary>Generic SQL error (0x80044150), SQL number 1205: this transaction was chosen as a deadlock victim.</summary>
        public const int SqlDeadlock = -2147204784;

        /// <summary>SQL timeout expired (0x80044151): a row lock was not granted in time.</summary>
        public const int SqlTimeout = -2147204783;

        /// <summary>There is no active transaction (0x80040251): a call after a failed call in the same transaction.</summary>
        public const int NoActiveTransaction = -2147220911;

        /// <summary>ISV code reduced the open transaction count (0x80090C0C): a plugin swallowed a failed call and returned.</summary>
        public const int IsvReducedTransactionCount = -2146893812;

        /// <summary>An unexpected error occurred (0x80040216): used for requests the organization does not know.</summary>
        public const int UnexpectedError = -2147220970;

        /// <summary>A value outside the column's allowed range or options, or a string longer than its maximum length.</summary>
        public const int ValueOutOfRange = -2147204288;

        /// <summary>The activity is closed (completed or canceled) and cannot be sent again.</summary>
        public const int ActivityClosed = -2147220946;
    }

    /// <summary>
    /// Builds the exceptions a caller of the organization service sees:
    /// <see cref="FaultException{OrganizationServiceFault}"/> with the platform's code and message.
    /// Messages are the platform's English texts (a Dataverse org answers in the caller's language; callers and
    /// tests compare codes, not texts).
    /// </summary>
    public static class DataverseFault
    {
        /// <summary>Creates a fault exception with <paramref name="errorCode"/> and <paramref name="message"/>.</summary>
        public static FaultException<OrganizationServiceFault> Create(int errorCode, string message, string? traceText = null)
        {
            var fault = new OrganizationServiceFault
            {
                ErrorCode = errorCode,
                Message = message,
                Timestamp = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
            };
            if (traceText != null) fault.TraceText = traceText;
            return new FaultException<OrganizationServiceFault>(fault, new FaultReason(message));
        }

        /// <summary>The error code carried by <paramref name="exception"/>, or null when it is not an organization service fault.</summary>
        public static int? CodeOf(Exception exception) =>
            exception is FaultException<OrganizationServiceFault> f ? f.Detail?.ErrorCode : null;

        internal static FaultException<OrganizationServiceFault> DoesNotExist(string logicalName, Guid id) =>
            Create(ErrorCodes.ObjectDoesNotExist, $"{logicalName} With Id = {id:D} Does Not Exist");

        internal static FaultException<OrganizationServiceFault> DuplicateKey(string logicalName, Guid id) =>
            Create(ErrorCodes.DuplicateRecord, $"Cannot insert duplicate key. A record of type '{logicalName}' with id {id:D} already exists.");

        internal static FaultException<OrganizationServiceFault> UnknownAttribute(string logicalName, string attribute) =>
            Create(ErrorCodes.AttributeDoesNotExist, $"'{logicalName}' entity doesn't contain attribute with Name = '{attribute}' and NameMapping = 'Logical'.");

        internal static FaultException<OrganizationServiceFault> UnknownEntity(string logicalName) =>
            Create(ErrorCodes.EntityDoesNotExist, $"The entity with a name = '{logicalName}' with namemapping = 'Logical' was not found in the MetadataCache.");

        internal static FaultException<OrganizationServiceFault> InvalidArgument(string message) =>
            Create(ErrorCodes.InvalidArgument, message);

        internal static FaultException<OrganizationServiceFault> VersionMismatch() =>
            Create(ErrorCodes.ConcurrencyVersionMismatch, "The version of the existing record doesn't match the RowVersion property provided.");

        internal static FaultException<OrganizationServiceFault> VersionNotProvided() =>
            Create(ErrorCodes.ConcurrencyVersionNotProvided, "The RowVersion property must be provided when the value of ConcurrencyBehavior is IfVersionMatches.");

        internal static FaultException<OrganizationServiceFault> InfiniteLoop() =>
            Create(ErrorCodes.InfiniteLoop, "This workflow job was canceled because the workflow that started it included an infinite loop. Correct the workflow logic and try again.");

        internal static FaultException<OrganizationServiceFault> Deadlock() =>
            Create(ErrorCodes.SqlDeadlock, "Generic SQL error. Sql Number: 1205 (the transaction was chosen as the deadlock victim).");

        internal static FaultException<OrganizationServiceFault> LockTimeout(string logicalName, Guid id) =>
            Create(ErrorCodes.SqlTimeout, $"SQL timeout expired. (waiting for the row lock on {logicalName} {id:D})");

        internal static FaultException<OrganizationServiceFault> NoActiveTransaction() =>
            Create(ErrorCodes.NoActiveTransaction, "There is no active transaction. This error is usually caused by custom plug-ins that ignore errors from service calls and continue processing.");

        internal static FaultException<OrganizationServiceFault> ReducedTransactionCount() =>
            Create(ErrorCodes.IsvReducedTransactionCount, "ISV code reduced the open transaction count. Custom plug-ins should not catch exceptions from OrganizationService calls and continue processing.");

        internal static FaultException<OrganizationServiceFault> UnknownRequest(string requestName) =>
            Create(ErrorCodes.UnexpectedError, $"The request '{requestName}' is not supported: no such message is registered in this organization.");
    }
}

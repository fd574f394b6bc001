using System;
using System.Globalization;
using System.ServiceModel;
using System.Threading;
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

        /// <summary>The activity is closed (completed or canceled): it cannot be edited or sent again.</summary>
        public const int ActivityClosed = -2147220946;
    }

    /// <summary>
    /// Builds the exceptions a caller of the organization service sees:
    /// <see cref="FaultException{OrganizationServiceFault}"/> with the platform's code and message. Dataverse
    /// answers in the caller's UI language; the in-memory organization does so for English (1033) and German (1031),
    /// taking the language of the user who sent the top-level request (usersettings.uilanguageid).
    /// </summary>
    public static class DataverseFault
    {
        private static readonly AsyncLocal<int> Language = new();

        /// <summary>The UI language faults are written in on this flow of execution (1033 unless a request set it).</summary>
        public static int CurrentLanguage => Language.Value == 0 ? 1033 : Language.Value;

        /// <summary>Writes faults in <paramref name="languageCode"/> until the returned scope is disposed.</summary>
        internal static IDisposable UseLanguage(int languageCode)
        {
            var previous = Language.Value;
            Language.Value = languageCode;
            return new LanguageScope(previous);
        }

        /// <summary>A fault whose text is chosen by the current UI language; <paramref name="args"/> fill {0}, {1} ….</summary>
        public static FaultException<OrganizationServiceFault> Localized(int errorCode, string english, string german, params object?[] args) =>
            Create(errorCode, string.Format(CultureInfo.InvariantCulture, CurrentLanguage == 1031 ? german : english, args));

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
            Localized(ErrorCodes.ObjectDoesNotExist, "{0} With Id = {1:D} Does Not Exist", "{0} mit ID = {1:D} ist nicht vorhanden", logicalName, id);

        internal static FaultException<OrganizationServiceFault> DuplicateKey(string logicalName, Guid id) =>
            Localized(ErrorCodes.DuplicateRecord,
                "Cannot insert duplicate key. A record of type '{0}' with id {1:D} already exists.",
                "Doppelter Schlüssel kann nicht eingefügt werden. Ein Datensatz vom Typ '{0}' mit der ID {1:D} ist bereits vorhanden.", logicalName, id);

        internal static FaultException<OrganizationServiceFault> UnknownAttribute(string logicalName, string attribute) =>
            Localized(ErrorCodes.AttributeDoesNotExist,
                "'{0}' entity doesn't contain attribute with Name = '{1}' and NameMapping = 'Logical'.",
                "Die Entität '{0}' enthält kein Attribut mit Name = '{1}' und NameMapping = 'Logical'.", logicalName, attribute);

        internal static FaultException<OrganizationServiceFault> UnknownEntity(string logicalName) =>
            Localized(ErrorCodes.EntityDoesNotExist,
                "The entity with a name = '{0}' with namemapping = 'Logical' was not found in the MetadataCache.",
                "Die Entität mit Name = '{0}' und NameMapping = 'Logical' wurde im Metadatencache nicht gefunden.", logicalName);

        internal static FaultException<OrganizationServiceFault> InvalidArgument(string english, string german, params object?[] args) =>
            Localized(ErrorCodes.InvalidArgument, english, german, args);

        internal static FaultException<OrganizationServiceFault> MissingField(string name) =>
            InvalidArgument("Required field '{0}' is missing", "Das Pflichtfeld '{0}' fehlt", name);

        internal static FaultException<OrganizationServiceFault> CannotBeNull(string attribute) =>
            InvalidArgument("Attribute: {0} cannot be set to NULL", "Attribut: {0} kann nicht auf NULL gesetzt werden", attribute);

        internal static FaultException<OrganizationServiceFault> VersionMismatch() =>
            Localized(ErrorCodes.ConcurrencyVersionMismatch,
                "The version of the existing record doesn't match the RowVersion property provided.",
                "Die Version des vorhandenen Datensatzes stimmt nicht mit der angegebenen RowVersion-Eigenschaft überein.");

        internal static FaultException<OrganizationServiceFault> VersionNotProvided() =>
            Localized(ErrorCodes.ConcurrencyVersionNotProvided,
                "The RowVersion property must be provided when the value of ConcurrencyBehavior is IfVersionMatches.",
                "Die RowVersion-Eigenschaft muss angegeben werden, wenn ConcurrencyBehavior den Wert IfVersionMatches hat.");

        internal static FaultException<OrganizationServiceFault> InfiniteLoop() =>
            Localized(ErrorCodes.InfiniteLoop,
                "This workflow job was canceled because the workflow that started it included an infinite loop. Correct the workflow logic and try again.",
                "Dieser Workflowauftrag wurde abgebrochen, weil der Workflow, der ihn gestartet hat, eine Endlosschleife enthält. Korrigieren Sie die Workflowlogik, und versuchen Sie es erneut.");

        internal static FaultException<OrganizationServiceFault> Deadlock() =>
            Localized(ErrorCodes.SqlDeadlock,
                "Generic SQL error. Sql Number: 1205 (the transaction was chosen as the deadlock victim).",
                "Allgemeiner SQL-Fehler. SQL-Nummer: 1205 (die Transaktion wurde als Deadlockopfer gewählt).");

        internal static FaultException<OrganizationServiceFault> LockTimeout(string logicalName, Guid id) =>
            Localized(ErrorCodes.SqlTimeout,
                "SQL timeout expired. (waiting for the row lock on {0} {1:D})",
                "SQL-Zeitlimit abgelaufen. (beim Warten auf die Zeilensperre von {0} {1:D})", logicalName, id);

        internal static FaultException<OrganizationServiceFault> NoActiveTransaction() =>
            Localized(ErrorCodes.NoActiveTransaction,
                "There is no active transaction. This error is usually caused by custom plug-ins that ignore errors from service calls and continue processing.",
                "Es ist keine Transaktion aktiv. Dieser Fehler wird meist von benutzerdefinierten Plug-Ins verursacht, die Fehler von Dienstaufrufen ignorieren und weiterarbeiten.");

        internal static FaultException<OrganizationServiceFault> ReducedTransactionCount() =>
            Localized(ErrorCodes.IsvReducedTransactionCount,
                "ISV code reduced the open transaction count. Custom plug-ins should not catch exceptions from OrganizationService calls and continue processing.",
                "ISV-Code hat die Anzahl offener Transaktionen verringert. Benutzerdefinierte Plug-Ins dürfen Ausnahmen von OrganizationService-Aufrufen nicht abfangen und weiterarbeiten.");

        internal static FaultException<OrganizationServiceFault> UnknownRequest(string requestName) =>
            Localized(ErrorCodes.UnexpectedError,
                "The request '{0}' is not supported: no such message is registered in this organization.",
                "Die Anforderung '{0}' wird nicht unterstützt: In dieser Organisation ist keine solche Nachricht registriert.", requestName);

        private sealed class LanguageScope : IDisposable
        {
            private readonly int previous;

            public LanguageScope(int previous)
            {
                this.previous = previous;
            }

            public void Dispose() => Language.Value = previous;
        }
    }
}

using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>
    /// The exception a plugin throws to stop the operation and show its message to the caller. The platform
    /// rolls back the transaction and returns an OrganizationServiceFault carrying the message.
    /// </summary>
    /// <remarks>
    /// As in the real SDK, ErrorCode is the exception's HResult: the .NET default (COR_E_EXCEPTION,
    /// -2146233088) unless a non-zero code is passed to the (status, errorCode, message) constructor.
    /// Status defaults to Failed.
    /// </remarks>
    [Serializable]
    public sealed class InvalidPluginExecutionException : Exception
    {
        private const string StatusKey = "Status";

        public InvalidPluginExecutionException()
        {
            Status = OperationStatus.Failed;
        }

        public InvalidPluginExecutionException(OperationStatus status)
            : this(status, string.Empty)
        {
        }

        public InvalidPluginExecutionException(string message)
            : base(message)
        {
            Status = OperationStatus.Failed;
        }

        public InvalidPluginExecutionException(OperationStatus status, string message)
            : this(status, 0, message)
        {
        }

        public InvalidPluginExecutionException(string message, Exception exception)
            : base(message, exception)
        {
            Status = OperationStatus.Failed;
        }

        public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message)
            : base(message)
        {
            Status = status;
            if (errorCode != 0)
            {
                HResult = errorCode;
            }
        }

        private InvalidPluginExecutionException(SerializationInfo info, StreamingContext context)
            : base(info, context)
        {
            Status = (OperationStatus)info.GetValue(StatusKey, typeof(OperationStatus));
        }

        public OperationStatus Status { get; }

        public int ErrorCode => HResult;

        public override void GetObjectData(SerializationInfo info, StreamingContext context)
        {
            if (info == null)
            {
                throw new ArgumentNullException(nameof(info));
            }

            info.AddValue(StatusKey, Status, typeof(OperationStatus));
            base.GetObjectData(info, context);
        }
    }
}

using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>
    /// The exception a plugin throws to stop the operation and show its message to the caller. The platform
    /// rolls back the transaction and returns an OrganizationServiceFault carrying Message and ErrorCode.
    /// </summary>
    [Serializable]
    public sealed class InvalidPluginExecutionException : Exception
    {
        /// <summary>0x80040265, "ISV code aborted the operation": the code the platform reports for a plugin's exception.</summary>
        internal const int IsvAbortedErrorCode = -2147220891;

        private const string StatusKey = "Status";
        private const string ErrorCodeKey = "ErrorCode";

        public InvalidPluginExecutionException()
            : this(OperationStatus.Failed, IsvAbortedErrorCode, SdkText.PluginExecutionFailed)
        {
        }

        public InvalidPluginExecutionException(OperationStatus status)
            : this(status, IsvAbortedErrorCode, SdkText.PluginExecutionFailed)
        {
        }

        public InvalidPluginExecutionException(string message)
            : this(OperationStatus.Failed, IsvAbortedErrorCode, message)
        {
        }

        public InvalidPluginExecutionException(OperationStatus status, string message)
            : this(status, IsvAbortedErrorCode, message)
        {
        }

        public InvalidPluginExecutionException(string message, Exception exception)
            : base(message, exception)
        {
            Status = OperationStatus.Failed;
            ErrorCode = IsvAbortedErrorCode;
        }

        public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message)
            : base(message)
        {
            Status = status;
            ErrorCode = errorCode;
        }

        private InvalidPluginExecutionException(SerializationInfo info, StreamingContext context)
            : base(info, context)
        {
            Status = (OperationStatus)info.GetInt32(StatusKey);
            ErrorCode = info.GetInt32(ErrorCodeKey);
        }

        public OperationStatus Status { get; }

        public int ErrorCode { get; }

        public override void GetObjectData(SerializationInfo info, StreamingContext context)
        {
            if (info == null)
            {
                throw new ArgumentNullException(nameof(info));
            }

            base.GetObjectData(info, context);
            info.AddValue(StatusKey, (int)Status);
            info.AddValue(ErrorCodeKey, ErrorCode);
        }
    }
}

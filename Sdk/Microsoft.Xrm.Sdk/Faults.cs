using System;
using System.Globalization;
using System.Runtime.Serialization;
using System.Text;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>Common detail of the faults the organization service returns.</summary>
    [DataContract(Name = "BaseServiceFault", Namespace = XrmContracts.V2011)]
    [KnownType(typeof(OrganizationServiceFault))]
    public abstract class BaseServiceFault : IExtensibleDataObject
    {
        private ErrorDetailCollection errorDetails;

        internal BaseServiceFault()
        {
        }

        [DataMember]
        public string Message { get; set; }

        /// <summary>The platform error code, e.g. -2147220891 (0x80040265) when a plugin aborted the operation.</summary>
        [DataMember]
        public int ErrorCode { get; set; }

        [DataMember]
        public string HelpLink { get; set; }

        [DataMember]
        public DateTime Timestamp { get; set; }

        [DataMember]
        public Guid ActivityId { get; set; }

        [DataMember]
        public ErrorDetailCollection ErrorDetails
        {
            get => errorDetails ??= new ErrorDetailCollection();
            set => errorDetails = value;
        }

        public ExtensionDataObject ExtensionData { get; set; }
    }

    /// <summary>
    /// The detail of FaultException&lt;OrganizationServiceFault&gt;, the exception every organization service
    /// call throws when the platform rejects a request (validation, privileges, a plugin's exception).
    /// </summary>
    [DataContract(Name = "OrganizationServiceFault", Namespace = XrmContracts.V2011)]
    public class OrganizationServiceFault : BaseServiceFault
    {
        [DataMember]
        public string TraceText { get; set; }

        [DataMember]
        public OrganizationServiceFault InnerFault { get; set; }

        /// <summary>Every fault of the chain: error code in hex, message, call stack when present, UTC timestamp.</summary>
        public override string ToString()
        {
            StringBuilder text = new StringBuilder();
            for (OrganizationServiceFault fault = this; fault != null; fault = fault.InnerFault)
            {
                text.AppendLine("Exception details: ");
                text.Append("ErrorCode: 0x").AppendLine(fault.ErrorCode.ToString("X", CultureInfo.InvariantCulture));
                text.Append("Message: ").AppendLine(fault.Message);
                if (fault.ErrorDetails.TryGetValue("CallStack", out object callStack))
                {
                    // A CallStack detail that is not a string prints as an empty line, as in the real SDK.
                    text.AppendLine("StackTrace: ").AppendLine(callStack as string);
                }

                text.Append("TimeStamp: ").AppendLine(fault.Timestamp.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture));
                text.AppendLine("--");
            }

            return text.ToString();
        }
    }
}

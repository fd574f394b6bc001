using System;
using System.Globalization;
using System.ServiceModel;
using Dataverse.InMemory.Faults;
using Microsoft.Xrm.Sdk;

namespace Dataverse.WebApi.Protocol
{
    /// <summary>
    /// A refusal the Web API answers with Dataverse's error JSON: <c>{"error":{"code":"0x…","message":"…"}}</c>
    /// and the HTTP status Dataverse uses for it.
    /// </summary>
    public sealed class WebApiException : Exception
    {
        public WebApiException(int status, int code, string message)
            : base(message)
        {
            Status = status;
            Code = code;
        }

        public int Status { get; }

        /// <summary>The Dataverse error code (as in OrganizationServiceFault.ErrorCode); written as 0x hex.</summary>
        public int Code { get; }

        /// <summary>Seconds a 429 answer asks the caller to wait (Retry-After).</summary>
        public int? RetryAfterSeconds { get; init; }

        /// <summary>The code as the Web API writes it: 0x and eight lower-case hex digits, or 0x0.</summary>
        public string HexCode => Code == 0 ? "0x0" : "0x" + unchecked((uint)Code).ToString("x8", CultureInfo.InvariantCulture);

        // ── Codes the Web API layer itself answers with ──

        /// <summary>0x8006088a: a segment names no entity set, key, property or operation.</summary>
        public const int ResourceNotFound = unchecked((int)0x8006088a);

        /// <summary>0x80060888: a query option or request shape Dataverse does not support.</summary>
        public const int NotSupported = unchecked((int)0x80060888);

        /// <summary>0x80072322: the number of requests exceeded the service protection limit.</summary>
        public const int RequestsExceeded = unchecked((int)0x80072322);

        /// <summary>0x80040220: the caller lacks a privilege.</summary>
        public const int PrivilegeDenied = unchecked((int)0x80040220);

        /// <summary>0x80040216: an unexpected server error.</summary>
        public const int Unexpected = unchecked((int)0x80040216);

        public static WebApiException BadRequest(string message) => new(400, 0, message);

        public static WebApiException Unsupported(string message) => new(400, NotSupported, message);

        public static WebApiException NotFoundSegment(string segment) => new(404, ResourceNotFound, $"Resource not found for the segment '{segment}'.");

        /// <summary>The Web API answer for an organization service fault: the fault's code and message, Dataverse's status.</summary>
        public static WebApiException FromFault(FaultException<OrganizationServiceFault> fault)
        {
            var code = fault.Detail?.ErrorCode ?? Unexpected;
            var message = fault.Detail?.Message ?? fault.Message;
            return new WebApiException(StatusOf(code), code, message);
        }

        /// <summary>The HTTP status Dataverse answers a fault code with (Web API error handling: 404, 412, 403, 400).</summary>
        public static int StatusOf(int code) => code switch
        {
            ErrorCodes.ObjectDoesNotExist => 404,
            ErrorCodes.DuplicateRecord or ErrorCodes.ConcurrencyVersionMismatch => 412,
            PrivilegeDenied or unchecked((int)0x80042f09) => 403,
            Unexpected => 500,
            RequestsExceeded => 429,
            _ => 400,
        };
    }
}

using System;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Pipeline
{
    /// <summary>
    /// The platform's security checks of one request, run after PreValidation and before PreOperation: PreValidation
    /// runs "before any security checks" (cc-prevalidation-description), PreOperation after them. The checks read the
    /// rows of the request's transaction and throw the platform's authorization faults.
    /// </summary>
    internal interface IRequestAuthorizer
    {
        /// <param name="messageName">The SDK message (Create, Update, Send, a custom API's unique name …).</param>
        /// <param name="input">The request's parameters as PreValidation left them.</param>
        /// <param name="userId">The user the request runs as (the caller, or the user a plugin's service is for).</param>
        void Authorize(string messageName, ParameterCollection input, Guid userId, StoreTransaction transaction);
    }

    /// <summary>No checks: what the organization does while it does not enforce security.</summary>
    internal sealed class NoAuthorization : IRequestAuthorizer
    {
        public static readonly NoAuthorization Instance = new();

        public void Authorize(string messageName, ParameterCollection input, Guid userId, StoreTransaction transaction)
        {
        }
    }
}

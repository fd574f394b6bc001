namespace Microsoft.Xrm.Sdk
{
    /// <summary>
    /// Data contract namespaces of the real SDK. Each type keeps the namespace of the release that introduced it,
    /// which is what the organization service's WSDL and serialized payloads carry.
    /// </summary>
    internal static class XrmContracts
    {
        internal const string V2011 = "http://schemas.microsoft.com/xrm/2011/Contracts";
        internal const string V2012 = "http://schemas.microsoft.com/xrm/2012/Contracts";
        internal const string V71 = "http://schemas.microsoft.com/xrm/7.1/Contracts";
        internal const string V90 = "http://schemas.microsoft.com/xrm/9.0/Contracts";
    }
}

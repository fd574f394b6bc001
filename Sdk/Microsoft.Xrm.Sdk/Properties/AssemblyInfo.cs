using System.Reflection;
using System.Runtime.InteropServices;

// Marks this build as CrmAttention's stand-in, so tests can tell it from Microsoft's assembly without a public
// member that the real assembly lacks.
[assembly: AssemblyMetadata("CrmAttention.StandIn", "true")]
[assembly: ComVisible(false)]

using System;
using System.Collections.Generic;
using System.Reflection;

namespace Dataverse.InMemory.Pipeline
{
    /// <summary>
    /// Turns a plugin assembly into the steps it declares, for <see cref="InMemoryDataverse.RegisterStepsFrom"/>. How a
    /// product declares its steps (attributes on handler methods, a registration file, its own id scheme) is the
    /// product's business: it supplies the discovery; the in-memory Dataverse only registers what comes back.
    /// </summary>
    public interface IStepDiscovery
    {
        /// <summary>
        /// The steps declared in <paramref name="assembly"/>, with their ids. <paramref name="secureConfiguration"/>
        /// supplies a step's secure configuration by step id (it never lives in code); null when there is none.
        /// </summary>
        IReadOnlyList<PluginStep> Discover(Assembly assembly, Func<Guid, string?>? secureConfiguration);
    }
}

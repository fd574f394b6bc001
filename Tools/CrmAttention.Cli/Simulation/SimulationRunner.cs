using CrmAttention.Engine;
using Spectre.Console;

namespace CrmAttention.Cli.Simulation
{
    /// <summary>Runs the same org twice: without CrmAttention, then with the policy.</summary>
    public static class SimulationRunner
    {
        public static SimulationResult Run(SimulationOptions options, AttentionPolicy policy, bool engineOnly, ProgressTask? without = null, ProgressTask? with = null)
        {
            var model = new RecipientModel();
            var result = new SimulationResult
            {
                Options = options,
                PolicyName = policy.Name + " (" + policy.Mode + ")",
                Recipients = model,
                OrgKind = engineOnly
                    ? Text.T("the attention engine directly (--engine-only)", "die Attention-Engine direkt (--engine-only)")
                    : Text.T("the CrmAttention plugins on the in-memory Dataverse", "die CrmAttention-Plugins auf dem In-Memory-Dataverse"),
            };
            using (var org = engineOnly ? (IOrgUnderTest)new EngineOrg(null) : new DataverseOrg(null))
            {
                result.Without = new Simulator(new SimulatedOrg(options), org, model).Run(p => { if (without is not null) without.Value = p; });
            }
            using (var org = engineOnly ? (IOrgUnderTest)new EngineOrg(policy) : new DataverseOrg(policy))
            {
                result.With = new Simulator(new SimulatedOrg(options), org, model).Run(p => { if (with is not null) with.Value = p; });
            }
            return result;
        }
    }
}

using System.Collections.Frozen;

namespace Languru.Providers.Resilience;

/// <summary>The strategies a route can name, looked up case-insensitively (as YARP's load-balancing policies are).</summary>
internal static class LoadBalancingPolicies
{
    public static FrozenDictionary<string, ILoadBalancingPolicy> ByName { get; } =
        new ILoadBalancingPolicy[] { new RoundRobinPolicy(), new LeastBusyPolicy(), new WeightedPolicy() }
            .ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Each target in turn.</summary>
    private sealed class RoundRobinPolicy : ILoadBalancingPolicy
    {
        public string Name => "round-robin";

        public int Pick(IReadOnlyList<BalancedTarget> candidates, long turn) => (int)((ulong)turn % (ulong)candidates.Count);
    }

    /// <summary>The target with the fewest calls in flight; ties are broken in turn, so that an idle route still spreads.</summary>
    private sealed class LeastBusyPolicy : ILoadBalancingPolicy
    {
        public string Name => "least-busy";

        public int Pick(IReadOnlyList<BalancedTarget> candidates, long turn)
        {
            var start = (int)((ulong)turn % (ulong)candidates.Count);
            var best = start;
            for (var step = 1; step < candidates.Count; step++)
            {
                var i = (start + step) % candidates.Count;
                if (candidates[i].Load.InFlight < candidates[best].Load.InFlight)
                {
                    best = i;
                }
            }

            return best;
        }
    }

    /// <summary>Turns in proportion to the weights: with weights 3 and 1, three turns of every four go to the first target.</summary>
    private sealed class WeightedPolicy : ILoadBalancingPolicy
    {
        public string Name => "weighted";

        public int Pick(IReadOnlyList<BalancedTarget> candidates, long turn)
        {
            long total = 0;
            foreach (var candidate in candidates)
            {
                total += candidate.Weight;
            }

            var slot = (long)((ulong)turn % (ulong)total);
            for (var i = 0; i < candidates.Count; i++)
            {
                slot -= candidates[i].Weight;
                if (slot < 0)
                {
                    return i;
                }
            }

            return candidates.Count - 1;
        }
    }
}

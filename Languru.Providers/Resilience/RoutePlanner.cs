using Languru.Providers.Routing;

namespace Languru.Providers.Resilience;

/// <summary>
/// Orders the targets one request of a route tries: the target the strategy picks among those not cooling down, the
/// route's other such targets, then its fallbacks (a route fallback planned the same way). When every target cools
/// down, the one that failed least recently is tried rather than none. Targets of providers that are not configured
/// are left out, and no target is tried twice.
/// </summary>
internal static class RoutePlanner
{
    /// <param name="route">The route.</param>
    /// <param name="health">The health of <see cref="BalancedRoute.HealthKeys"/>, by key.</param>
    /// <param name="now">The time.</param>
    /// <param name="resolve">The planned target for a model, or null when its provider is not configured.</param>
    public static List<PlannedTarget> Plan(
        BalancedRoute route, IReadOnlyDictionary<string, TargetHealth> health, DateTimeOffset now, Func<RouteTarget, bool, PlannedTarget?> resolve)
    {
        var plan = new List<PlannedTarget>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Add(route, isFallback: false);
        return plan;

        void Add(BalancedRoute current, bool isFallback)
        {
            var candidates = new List<(BalancedTarget Target, PlannedTarget Planned, TargetHealth Health)>();
            foreach (var target in current.Targets)
            {
                if (!seen.Contains(target.Key) && resolve(target.Target, isFallback) is { } planned)
                {
                    var known = health.GetValueOrDefault(target.Key);
                    candidates.Add((target, planned with { Balanced = target, Route = current, KnownFailures = known.Failures }, known));
                }
            }

            var healthy = candidates.Where(c => !c.Health.IsCoolingDown(now)).ToList();
            if (healthy.Count > 0)
            {
                var first = current.Policy.Pick([.. healthy.Select(c => c.Target)], current.NextTurn());
                for (var i = 0; i < healthy.Count; i++)
                {
                    Take(healthy[(first + i) % healthy.Count].Planned);
                }
            }
            else if (candidates.Count > 0)
            {
                Take(candidates.MinBy(c => c.Health.LastFailure ?? DateTimeOffset.MinValue).Planned);
            }

            foreach (var fallback in current.Fallbacks)
            {
                if (fallback.Route is { } other)
                {
                    Add(other, isFallback: true);
                }
                else if (!seen.Contains(fallback.Target.Name) && resolve(fallback.Target, true) is { } planned)
                {
                    Take(planned);
                }
            }
        }

        void Take(PlannedTarget target)
        {
            seen.Add(target.ToString());
            plan.Add(target);
        }
    }
}

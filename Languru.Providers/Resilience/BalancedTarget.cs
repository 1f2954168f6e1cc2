using Languru.Providers.Routing;

namespace Languru.Providers.Resilience;

/// <summary>One target of a route as the load-balancing policies see it.</summary>
/// <param name="Target">The provider and upstream model.</param>
/// <param name="Weight">Its weight (1 unless the route is <c>weighted</c>).</param>
/// <param name="Load">Its calls in flight.</param>
internal sealed record BalancedTarget(RouteTarget Target, int Weight, TargetLoad Load)
{
    /// <summary>The target's name, <c>provider/model</c>: its key in the <see cref="ICooldownStore"/>.</summary>
    public string Key { get; } = Target.Name;
}

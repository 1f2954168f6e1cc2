namespace Languru.Providers.Resilience;

/// <summary>Picks the target a route tries first (<c>Languru:Routes:&lt;name&gt;:Strategy</c>).</summary>
internal interface ILoadBalancingPolicy
{
    /// <summary>The strategy's name in configuration, e.g. <c>round-robin</c>.</summary>
    string Name { get; }

    /// <summary>Picks one of the targets that are not cooling down.</summary>
    /// <param name="candidates">The targets, in configuration order; never empty.</param>
    /// <param name="turn">The route's request counter (0, 1, 2, …), for policies that take turns.</param>
    /// <returns>The index of the target to try first.</returns>
    int Pick(IReadOnlyList<BalancedTarget> candidates, long turn);
}

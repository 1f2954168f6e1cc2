using Languru.Providers.Routing;

namespace Languru.Providers.Resilience;

/// <summary>A route built from <c>Languru:Routes:&lt;name&gt;</c> at start-up, with its request counter.</summary>
internal sealed class BalancedRoute(string name, IReadOnlyList<BalancedTarget> targets, ILoadBalancingPolicy policy, int failureThreshold, TimeSpan cooldown)
{
    private long _turns = -1;

    public string Name { get; } = name;

    public IReadOnlyList<BalancedTarget> Targets { get; } = targets;

    public ILoadBalancingPolicy Policy { get; } = policy;

    public int FailureThreshold { get; } = failureThreshold;

    public TimeSpan Cooldown { get; } = cooldown;

    /// <summary>The fallbacks, in order: other routes, or plain targets. Set once every route is built.</summary>
    public IReadOnlyList<RouteFallback> Fallbacks { get; set; } = [];

    /// <summary>The targets of this route and of every route its fallbacks reach: what one request's health lookup asks for.</summary>
    public IReadOnlyList<string> HealthKeys { get; set; } = [];

    public long NextTurn() => Interlocked.Increment(ref _turns);
}

/// <summary>A fallback: another route, or one model.</summary>
/// <param name="Route">The route, when the fallback names one.</param>
/// <param name="Target">The model, when it does not.</param>
internal readonly record struct RouteFallback(BalancedRoute? Route, RouteTarget Target);

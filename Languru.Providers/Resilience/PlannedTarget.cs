using Languru.Providers.Routing;

namespace Languru.Providers.Resilience;

/// <summary>One target a request will try, in the order of its plan.</summary>
/// <param name="Provider">The provider (configured).</param>
/// <param name="Model">The upstream model id.</param>
/// <param name="Retries">The provider's retries.</param>
/// <param name="IsFallback">Whether it comes from a route's <c>Fallbacks</c>.</param>
internal sealed record PlannedTarget(ChatProvider Provider, string Model, RetrySettings Retries, bool IsFallback)
{
    /// <summary>The route target, when the target belongs to a route: its health and load are tracked.</summary>
    public BalancedTarget? Balanced { get; init; }

    /// <summary>The route whose threshold and cool-down apply to <see cref="Balanced"/>.</summary>
    public BalancedRoute? Route { get; init; }

    /// <summary>Failures in a row when the plan was made (a success then clears them).</summary>
    public int KnownFailures { get; init; }

    public override string ToString() => $"{Provider.Name}/{Model}";
}

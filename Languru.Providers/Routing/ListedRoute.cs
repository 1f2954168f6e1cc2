namespace Languru.Providers.Routing;

/// <summary>An exact model name or alias from configuration.</summary>
/// <param name="Model">The public name.</param>
/// <param name="Target">Where it goes.</param>
/// <param name="IsAlias">Whether it is an alias.</param>
public readonly record struct ListedRoute(string Model, RouteTarget Target, bool IsAlias);

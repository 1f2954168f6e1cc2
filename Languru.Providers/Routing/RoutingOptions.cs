namespace Languru.Providers.Routing;

/// <summary>The <c>Languru</c> configuration section as the router sees it: aliases, routes and the providers' models.</summary>
public sealed class RoutingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Languru";

    /// <summary>Public model name → the model it stands for (e.g. <c>default</c> → <c>echo</c>). Case-insensitive.</summary>
    public Dictionary<string, string> Aliases { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Public model name → its targets, strategy and fallbacks (<c>Languru:Routes:&lt;name&gt;</c>). Case-insensitive.</summary>
    public Dictionary<string, RouteOptions> Routes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Provider name → its routing settings (<c>Languru:Providers:&lt;name&gt;</c>). Case-insensitive.</summary>
    public Dictionary<string, ProviderRouteOptions> Providers { get; } = new(StringComparer.OrdinalIgnoreCase);
}

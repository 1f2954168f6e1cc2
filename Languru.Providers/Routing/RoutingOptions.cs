namespace Languru.Providers.Routing;

/// <summary>The <c>Languru</c> configuration section as the router sees it: aliases and the providers' routes.</summary>
public sealed class RoutingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Languru";

    /// <summary>Public model name → the model it stands for (e.g. <c>default</c> → <c>echo</c>). Case-insensitive.</summary>
    public Dictionary<string, string> Aliases { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Provider name → its routing settings (<c>Languru:Providers:&lt;name&gt;</c>). Case-insensitive.</summary>
    public Dictionary<string, ProviderRouteOptions> Providers { get; } = new(StringComparer.OrdinalIgnoreCase);
}

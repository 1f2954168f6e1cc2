namespace Languru.Providers.Routing;

/// <summary>The settings every provider has, whatever its type (<c>Languru:Providers:&lt;name&gt;</c>).</summary>
public sealed class ProviderRouteOptions
{
    /// <summary>The provider type: <c>echo</c>, <c>openai</c> or <c>ollama</c>. Defaults to the provider's name.</summary>
    public string? Type { get; set; }

    /// <summary>True or false to force the provider on or off; unset lets the type decide (e.g. OpenAI: when a key is set).</summary>
    public bool? Enabled { get; set; }

    /// <summary>Model names the provider serves: exact names, or <c>prefix*</c> patterns.</summary>
    public List<string> Models { get; } = [];
}

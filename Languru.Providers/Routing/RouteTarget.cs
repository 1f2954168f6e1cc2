namespace Languru.Providers.Routing;

/// <summary>Where a model name goes: a provider and the model id to send it.</summary>
/// <param name="ProviderName">The provider's configured name.</param>
/// <param name="UpstreamModelId">The model id the provider receives.</param>
public readonly record struct RouteTarget(string ProviderName, string UpstreamModelId)
{
    /// <summary>The target's name, <c>provider/model</c> (as a client could send it, and as logs and health name it).</summary>
    public string Name => $"{ProviderName}/{UpstreamModelId}";
}

namespace Languru.Providers.Routing;

/// <summary>The providers the gateway built at start-up, configured or not, and its route table.</summary>
public interface IProviderRegistry
{
    /// <summary>Every provider under <c>Languru:Providers</c>, in configuration order.</summary>
    IReadOnlyList<ChatProvider> Providers { get; }

    /// <summary>The model-name routing rules.</summary>
    RouteTable Routes { get; }
}

using Languru.Providers.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Languru.Providers.Ollama;

/// <summary>Registers the Ollama provider type.</summary>
public static class OllamaServiceCollectionExtensions
{
    /// <summary>
    /// Adds the provider type <c>ollama</c>: every <c>Languru:Providers:&lt;name&gt;</c> entry with <c>Type: ollama</c>
    /// (or named <c>ollama</c>) becomes a provider speaking Ollama's native API.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOllamaProvider(this IServiceCollection services)
    {
        // One HttpClient per provider: its own connection pool and ConnectTimeout (see ProviderHttpClients).
        return services
            .AddProviderHttpClients<OllamaProviderOptions>(OllamaProviderFactory.HttpClientName, o => o.ConnectTimeout)
            .AddChatProviderType<OllamaProviderFactory, OllamaProviderOptions>();
    }
}

using Languru.Providers.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Languru.Providers.OpenAI;

/// <summary>Registers the OpenAI provider type.</summary>
public static class OpenAIServiceCollectionExtensions
{
    /// <summary>
    /// Adds the provider type <c>openai</c>: every <c>Languru:Providers:&lt;name&gt;</c> entry with <c>Type: openai</c>
    /// (or named <c>openai</c>) becomes a provider for OpenAI or an OpenAI-compatible server, over the official SDK.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOpenAIProvider(this IServiceCollection services)
    {
        // One HttpClient per provider: its own connection pool and ConnectTimeout (see ProviderHttpClients).
        return services
            .AddProviderHttpClients<OpenAIProviderOptions>(OpenAIProviderFactory.HttpClientName, o => o.ConnectTimeout)
            .AddChatProviderType<OpenAIProviderFactory, OpenAIProviderOptions>();
    }
}

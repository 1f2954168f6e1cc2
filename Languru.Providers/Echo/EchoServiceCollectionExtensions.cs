using Languru.Providers.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Languru.Providers.Echo;

/// <summary>Registers the echo provider type.</summary>
public static class EchoServiceCollectionExtensions
{
    /// <summary>
    /// Adds the provider type <c>echo</c>: every <c>Languru:Providers:&lt;name&gt;</c> entry with <c>Type: echo</c>
    /// (or named <c>echo</c>) becomes a provider that answers with the last user message.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddEchoProvider(this IServiceCollection services) =>
        services.AddChatProviderType<EchoProviderFactory, EchoOptions>();
}

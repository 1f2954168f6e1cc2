using Microsoft.Extensions.DependencyInjection;

namespace Languru.Providers.Routing;

/// <summary>HTTP settings shared by the providers that call an upstream over HTTP.</summary>
public static class HttpClientBuilderExtensions
{
    /// <summary>
    /// A provider keeps its <see cref="HttpClient"/> for its whole life, so the factory's handler rotation never
    /// applies; connections are recycled every two minutes instead, so that DNS changes (a moved upstream) are seen.
    /// </summary>
    /// <param name="builder">The HTTP client's builder.</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder UseLongLivedConnections(this IHttpClientBuilder builder) => builder
        .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
}

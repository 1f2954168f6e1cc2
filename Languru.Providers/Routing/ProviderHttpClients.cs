using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Languru.Providers.Routing;

/// <summary>
/// One named <see cref="HttpClient"/> per provider, <c>{type's client name}/{provider name}</c>, so that each provider
/// has its own connection pool and its own <c>ConnectTimeout</c>. A provider keeps its client for its whole life, so
/// the factory's handler rotation never applies; connections are recycled every two minutes instead, so that DNS
/// changes (a moved upstream) are seen. The HttpClient's own 100-second timeout is off: the provider's deadlines govern.
/// The handler keeps no cookies (an upstream's cookie must not ride along with the next caller's request) and follows
/// no redirects (a gateway forwards what the upstream said). The factory's per-request log handlers are removed: they
/// open a logging scope and format the URL on every call even when their lines are filtered out, and the gateway logs
/// provider failures itself.
/// </summary>
public static class ProviderHttpClients
{
    /// <summary>The name of the HTTP client of provider <paramref name="provider"/> of a type whose clients are named <paramref name="typeClientName"/>.</summary>
    /// <param name="typeClientName">The provider type's client name, e.g. <c>Languru.OpenAI</c>.</param>
    /// <param name="provider">The provider's configured name.</param>
    /// <returns>The client name.</returns>
    public static string Name(string typeClientName, string provider) => $"{typeClientName}/{provider}";

    /// <summary>Configures every client named <c>{typeClientName}/{provider}</c> from that provider's options.</summary>
    /// <typeparam name="TOptions">The provider type's (named) options.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="typeClientName">The provider type's client name.</param>
    /// <param name="connectTimeout">Reads the connect time-out from a provider's options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddProviderHttpClients<TOptions>(this IServiceCollection services, string typeClientName, Func<TOptions, TimeSpan> connectTimeout)
        where TOptions : class
    {
        services.AddHttpClient();
        services.ConfigureHttpClientDefaults(b => b.RemoveAllLoggers());
        services.AddSingleton<IConfigureOptions<HttpClientFactoryOptions>>(sp =>
            new Setup<TOptions>(typeClientName + "/", sp.GetRequiredService<IOptionsMonitor<TOptions>>(), connectTimeout));
        return services;
    }

    private sealed class Setup<TOptions>(string prefix, IOptionsMonitor<TOptions> options, Func<TOptions, TimeSpan> connectTimeout)
        : IConfigureNamedOptions<HttpClientFactoryOptions>
        where TOptions : class
    {
        public void Configure(string? name, HttpClientFactoryOptions clientOptions)
        {
            if (name is null || !name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return;
            }

            var timeout = connectTimeout(options.Get(name[prefix.Length..]));
            clientOptions.HttpClientActions.Add(c => c.Timeout = Timeout.InfiniteTimeSpan);
            clientOptions.HttpMessageHandlerBuilderActions.Add(b =>
                b.PrimaryHandler = new SocketsHttpHandler
                {
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectTimeout = timeout,
                    UseCookies = false,
                    AllowAutoRedirect = false,
                });
            clientOptions.HandlerLifetime = Timeout.InfiniteTimeSpan;
        }

        public void Configure(HttpClientFactoryOptions clientOptions) => Configure(Options.DefaultName, clientOptions);
    }
}

using Languru.Api.Access;
using Languru.Api.Browsers;
using Languru.Providers.Routing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Languru.Api.Hosting;

/// <summary>
/// Once the server listens, logs in a few lines what the gateway serves: where it listens and its <c>/docs</c> URL,
/// each provider with its type and whether it is on (and if not, what to set), the aliases and model routes, each
/// configured route with its targets, strategy and fallbacks, and
/// who may call. Never a secret: providers describe what is missing by the setting's name.
/// </summary>
internal sealed partial class StartupSummary(
    IServer server,
    IProviderRegistry registry,
    ApiKeyTable keys,
    IOptions<AccessOptions> access,
    IOptions<DocsOptions> docs,
    IOptions<RoutingOptions> routing,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers) : IHostedService
{
    /// <summary>The log category of the summary.</summary>
    public const string LogCategory = "Languru.Startup";

    private readonly ILogger _logger = loggers.CreateLogger(LogCategory);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Log);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal void Log()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var first = addresses.FirstOrDefault();
        LogListening(_logger, addresses.Count == 0 ? "(no address)" : string.Join(", ", addresses), !docs.Value.Enabled ? "off (Languru:Docs:Enabled is false)" : first is null ? "/docs" : $"{first.TrimEnd('/')}/docs");

        foreach (var provider in registry.Providers)
        {
            if (provider.IsConfigured)
            {
                LogProviderOn(_logger, provider.Name, provider.Type);
            }
            else
            {
                LogProviderOff(_logger, provider.Name, provider.Type, provider.SetupHint);
            }
        }

        if (!registry.Providers.Any(p => p.IsConfigured))
        {
            var hints = string.Join("; ", registry.Providers.Select(p => $"{p.Name}: {p.SetupHint}"));
            LogNoProvider(_logger, hints.Length > 0 ? $" Not configured: {hints}." : "");
        }

        var routes = registry.Routes;
        var aliases = routes.Listed.Where(r => r.IsAlias).Select(r => $"{r.Model} → {r.Target.ProviderName}/{r.Target.UpstreamModelId}").ToList();
        var models = routes.Listed.Where(r => !r.IsAlias).Select(r => $"{r.Model} → {r.Target.ProviderName}")
            .Concat(routes.Patterns.Select(p => $"{p.Pattern} → {p.Provider}"))
            .ToList();
        LogRoutes(_logger, aliases.Count == 0 ? "none" : string.Join(", ", aliases), models.Count == 0 ? "none" : string.Join(", ", models));
        foreach (var (name, route) in routing.Value.Routes.OrderBy(r => r.Key, StringComparer.OrdinalIgnoreCase))
        {
            var weights = route.Weights.Count > 0 ? $" (weights {string.Join(", ", route.Weights)})" : "";
            var targets = string.Join(", ", route.Targets);
            var strategy = route.Strategy ?? Languru.Providers.Routing.RouteOptions.DefaultStrategy;
            var fallbacks = route.Fallbacks.Count == 0 ? "none" : string.Join(", ", route.Fallbacks);
            LogRoute(_logger, name, targets, strategy, weights, fallbacks);
        }

        LogAccess(_logger, keys.Names.Count, keys.IsOpen
            ? access.Value.Auth.AllowAnonymous
                ? "open: no API key is configured and Languru:Auth:AllowAnonymous is true, so anyone who can reach it may call"
                : "open to loopback callers only: no API key is configured"
            : "closed: every call to the API needs one of its keys");
    }

    [LoggerMessage(EventId = 500, EventName = "StartupListening", Level = LogLevel.Information,
        Message = "Languru listens on {Addresses}; API docs at {DocsUrl}")]
    private static partial void LogListening(ILogger logger, string addresses, string docsUrl);

    [LoggerMessage(EventId = 501, EventName = "StartupProviderOn", Level = LogLevel.Information,
        Message = "Provider {Provider} ({Type}): on")]
    private static partial void LogProviderOn(ILogger logger, string provider, string type);

    [LoggerMessage(EventId = 502, EventName = "StartupProviderOff", Level = LogLevel.Information,
        Message = "Provider {Provider} ({Type}): off — {Reason}")]
    private static partial void LogProviderOff(ILogger logger, string provider, string type, string reason);

    [LoggerMessage(EventId = 503, EventName = "StartupNoProvider", Level = LogLevel.Warning,
        Message = "No provider is configured: every model answers 404 and /v1/models is empty. Configure one under Languru:Providers (see docs/configuration.md).{Hints}")]
    private static partial void LogNoProvider(ILogger logger, string hints);

    [LoggerMessage(EventId = 504, EventName = "StartupRoutes", Level = LogLevel.Information,
        Message = "Aliases: {Aliases}. Models: {Models}; any provider's models also as provider/model")]
    private static partial void LogRoutes(ILogger logger, string aliases, string models);

    [LoggerMessage(EventId = 506, EventName = "StartupRoute", Level = LogLevel.Information,
        Message = "Route {Route}: targets {Targets}, {Strategy}{Weights}; fallbacks {Fallbacks}")]
    private static partial void LogRoute(ILogger logger, string route, string targets, string strategy, string weights, string fallbacks);

    [LoggerMessage(EventId = 505, EventName = "StartupAccess", Level = LogLevel.Information,
        Message = "API keys: {KeyCount}; the gateway is {Access}")]
    private static partial void LogAccess(ILogger logger, int keyCount, string access);
}

using System.Collections.Frozen;
using Languru.Providers.Chat;
using Languru.Providers.Resilience;
using Languru.Providers.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Languru.Providers.Routing;

/// <summary>
/// Routes model names with the <see cref="RouteTable"/> and the routes of <c>Languru:Routes</c>, and owns the
/// providers, created once at start-up from <c>Languru:Providers</c> by the registered
/// <see cref="IChatProviderFactory"/> of each type. Every resolution is a plan of targets behind one
/// <see cref="RoutedChatClient"/> (a single target for a model or alias).
/// </summary>
internal sealed partial class ModelRouter : IModelRouter, IProviderRegistry, IDisposable
{
    private const int MaxNamesInMessage = 25;

    /// <summary>The <c>owned_by</c> of a route in <c>GET /v1/models</c>: the gateway's own name, served by several providers.</summary>
    private const string RouteOwner = "languru";

    private readonly RouteTable _table;
    private readonly FrozenDictionary<string, ChatProvider> _providers;
    private readonly (ChatProvider Provider, IRoutableModelCatalog Catalog)[] _routableCatalogs;
    private readonly FrozenSet<string> _aliases;
    private readonly FrozenDictionary<string, RetrySettings> _retries;
    private readonly FrozenDictionary<string, BalancedRoute> _routes;
    private readonly ICooldownStore _cooldowns;
    private readonly TimeProvider _timeProvider;
    private readonly DateTimeOffset _startedAt;
    private readonly ILogger<ModelRouter> _logger;

    public ModelRouter(
        IOptions<RoutingOptions> options,
        IEnumerable<IChatProviderFactory> factories,
        ICooldownStore cooldowns,
        TimeProvider timeProvider,
        ILogger<ModelRouter> logger,
        ProviderPipeline? pipeline = null)
    {
        _logger = logger;
        _cooldowns = cooldowns;
        _timeProvider = timeProvider;
        _startedAt = timeProvider.GetUtcNow();
        var byType = factories.ToFrozenDictionary(f => f.Type, StringComparer.OrdinalIgnoreCase);
        _table = RouteTable.Build(options.Value, [.. byType.Keys], out var errors);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(RoutingOptions.SectionName, typeof(RoutingOptions), errors);
        }

        _providers = _table.ProviderTypes.ToFrozenDictionary(
            p => p.Key,
            p => options.Value.Providers[p.Key].Enabled == false
                ? ChatProvider.NotConfigured(p.Key, p.Value, $"set Languru:Providers:{p.Key}:Enabled to true")
                : Compose(byType[p.Value].Create(p.Key)),
            StringComparer.OrdinalIgnoreCase);
        Providers = [.. options.Value.Providers.Keys.Where(_providers.ContainsKey).Select(name => _providers[name])];
        _aliases = _table.Listed.Where(r => r.IsAlias).Select(r => r.Model).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _routableCatalogs =
        [
            .. _table.ProviderTypes.Keys
                .Select(name => _providers[name])
                .Where(p => p.IsConfigured && p.Catalog is IRoutableModelCatalog)
                .Select(p => (p, (IRoutableModelCatalog)p.Catalog!)),
        ];
        _retries = _table.ProviderTypes.Keys.ToFrozenDictionary(
            name => name, name => RetrySettings.From(options.Value.Providers[name]), StringComparer.OrdinalIgnoreCase);
        _routes = BuildRoutes(options.Value.Routes, _table);

        ChatProvider Compose(ChatProvider provider) => pipeline is null ? provider : pipeline.Compose(provider);
    }

    public IReadOnlyList<ChatProvider> Providers { get; }

    public RouteTable Routes => _table;

    public ValueTask<ModelRoute> ResolveAsync(string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        return _routes.TryGetValue(model, out var route) ? ResolveRouteAsync(model, route, cancellationToken)
            : _table.Resolve(model) is { } target ? ValueTask.FromResult(Route(model, target))
            : ResolveListedAsync(model, cancellationToken);
    }

    /// <summary>A route: its targets ordered by strategy and health, then its fallbacks.</summary>
    private async ValueTask<ModelRoute> ResolveRouteAsync(string model, BalancedRoute route, CancellationToken cancellationToken)
    {
        var known = await _cooldowns.GetAsync(route.HealthKeys, cancellationToken);
        var health = new Dictionary<string, TargetHealth>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < known.Count; i++)
        {
            health[route.HealthKeys[i]] = known[i];
        }

        var plan = RoutePlanner.Plan(route, health, _timeProvider.GetUtcNow(), (target, isFallback) =>
            _providers[target.ProviderName] is { IsConfigured: true } provider
                ? new PlannedTarget(provider, target.UpstreamModelId, _retries[provider.Name], isFallback)
                : null);
        if (plan.Count == 0)
        {
            var hints = route.Targets.Select(t => _providers[t.Target.ProviderName]).Distinct().Select(p => $"provider '{p.Name}': {p.SetupHint}");
            throw new ChatProviderException(
                ChatProviderErrorKind.ModelNotFound,
                $"The model '{model}' is a route whose providers are not configured ({string.Join("; ", hints)}).")
            {
                Param = "model",
                Code = "model_not_found",
            };
        }

        return Noted(new ModelRoute(new RoutedChatClient(plan, new RouteOutcome(model, route.Name), _cooldowns, _timeProvider, _logger)));
    }

    /// <summary>After every configured rule missed: a provider whose upstream lists the bare name (Ollama).</summary>
    private async ValueTask<ModelRoute> ResolveListedAsync(string model, CancellationToken cancellationToken)
    {
        foreach (var (provider, catalog) in _routableCatalogs)
        {
            if (await catalog.ContainsAsync(model, cancellationToken))
            {
                return Single(model, provider, model);
            }
        }

        throw new ChatProviderException(ChatProviderErrorKind.ModelNotFound, await UnknownModelMessageAsync(model, cancellationToken))
        {
            Param = "model",
            Code = "model_not_found",
        };
    }

    private ModelRoute Route(string model, RouteTarget target)
    {
        var provider = _providers[target.ProviderName];
        if (!provider.IsConfigured)
        {
            throw new ChatProviderException(
                ChatProviderErrorKind.ModelNotFound,
                $"The model '{model}' is served by provider '{provider.Name}', which is not configured: {provider.SetupHint}.")
            {
                Param = "model",
                Code = "model_not_found",
            };
        }

        return Single(model, provider, target.UpstreamModelId);
    }

    /// <summary>Notes the route in the request's record, for its log line and metrics.</summary>
    private ModelRoute Noted(ModelRoute route)
    {
        if (RequestRecord.Current is { } record)
        {
            record.Routed(route.Outcome, route.Provider.Name, _aliases.Contains(route.Outcome.Model));
        }

        return route;
    }

    private ModelRoute Single(string model, ChatProvider provider, string upstreamModelId) => Noted(new(new RoutedChatClient(
        [new PlannedTarget(provider, upstreamModelId, _retries[provider.Name], IsFallback: false)],
        new RouteOutcome(model, route: null),
        _cooldowns,
        _timeProvider,
        _logger)));

    /// <summary>Builds the validated routes: targets with their weights and shared load counters, then fallbacks.</summary>
    private static FrozenDictionary<string, BalancedRoute> BuildRoutes(Dictionary<string, RouteOptions> routes, RouteTable table)
    {
        var loads = new Dictionary<string, TargetLoad>(StringComparer.OrdinalIgnoreCase);
        var built = new Dictionary<string, BalancedRoute>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, options) in routes)
        {
            var strategy = string.IsNullOrWhiteSpace(options.Strategy) ? RouteOptions.DefaultStrategy : options.Strategy.Trim();
            var policy = LoadBalancingPolicies.ByName[strategy];
            var targets = options.Targets.Select((model, i) =>
            {
                var target = table.Resolve(model.Trim())!.Value;
                var load = loads.TryGetValue(target.Name, out var shared) ? shared : loads[target.Name] = new TargetLoad();
                return new BalancedTarget(target, options.Weights.Count > i ? options.Weights[i] : 1, load);
            });
            built[name] = new BalancedRoute(name, [.. targets], policy, options.FailureThreshold, options.Cooldown);
        }

        foreach (var (name, route) in built)
        {
            route.Fallbacks =
            [
                .. routes[name].Fallbacks.Select(f => f.Trim()).Select(f => built.TryGetValue(f, out var other)
                    ? new RouteFallback(other, default)
                    : new RouteFallback(null, table.Resolve(f)!.Value)),
            ];
        }

        foreach (var route in built.Values)
        {
            route.HealthKeys = [.. HealthKeys(route).Distinct(StringComparer.OrdinalIgnoreCase)];
        }

        return built.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

        // Validation refused fallback loops, so this ends.
        static IEnumerable<string> HealthKeys(BalancedRoute route) =>
            route.Targets.Select(t => t.Key).Concat(route.Fallbacks.Where(f => f.Route is not null).SelectMany(f => HealthKeys(f.Route!)));
    }

    public async ValueTask<IReadOnlyList<ModelDescriptor>> ListModelsAsync(CancellationToken cancellationToken)
    {
        var models = new List<ModelDescriptor>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in _table.Listed)
        {
            if (_providers[route.Target.ProviderName].IsConfigured && seen.Add(route.Model))
            {
                models.Add(new ModelDescriptor(route.Model, route.Target.ProviderName, _startedAt));
            }
        }

        foreach (var route in _routes.Values)
        {
            if (route.Targets.Any(t => _providers[t.Target.ProviderName].IsConfigured) && seen.Add(route.Name))
            {
                models.Add(new ModelDescriptor(route.Name, RouteOwner, _startedAt));
            }
        }

        var catalogs = _providers.Values.Where(p => p.IsConfigured && p.Catalog is not null).ToArray();
        var listings = await Task.WhenAll(catalogs.Select(p => ListCatalogAsync(p, cancellationToken)));
        for (var i = 0; i < catalogs.Length; i++)
        {
            foreach (var model in listings[i])
            {
                // List each model under a name that routes back to this provider.
                var owner = _table.Resolve(model.Id)?.ProviderName;
                var bare = owner is null ? catalogs[i].Catalog is IRoutableModelCatalog : owner.Equals(catalogs[i].Name, StringComparison.OrdinalIgnoreCase);
                var id = bare ? model.Id : $"{catalogs[i].Name}/{model.Id}";
                if (seen.Add(id))
                {
                    models.Add(model with { Id = id, Created = model.Created ?? _startedAt });
                }
            }
        }

        return models;
    }

    public async ValueTask<ModelDescriptor?> FindModelAsync(string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var listed = await ListModelsAsync(cancellationToken);
        var found = listed.FirstOrDefault(m => string.Equals(m.Id, model, StringComparison.OrdinalIgnoreCase));
        if (found is not null)
        {
            return found;
        }

        // A provider without a catalog (echo) serves any name routed to it.
        return _table.Resolve(model) is { } target && _providers[target.ProviderName] is { IsConfigured: true, Catalog: null } provider
            ? new ModelDescriptor(model, provider.Name, _startedAt)
            : null;
    }

    public void Dispose()
    {
        foreach (var provider in _providers.Values)
        {
            provider.Dispose();
        }
    }

    private async Task<IReadOnlyList<ModelDescriptor>> ListCatalogAsync(ChatProvider provider, CancellationToken cancellationToken)
    {
        try
        {
            return await provider.Catalog!.ListModelsAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCatalogFailed(_logger, provider.Name, ex);
            return [];
        }
    }

    private async ValueTask<string> UnknownModelMessageAsync(string model, CancellationToken cancellationToken)
    {
        var listed = new List<string>();
        foreach (var (_, catalog) in _routableCatalogs)
        {
            listed.AddRange((await catalog.ListModelsAsync(cancellationToken)).Select(m => m.Id));
        }

        var names = _routes.Values
            .Where(r => r.Targets.Any(t => _providers[t.Target.ProviderName].IsConfigured))
            .Select(r => r.Name)
            .Concat(_table.Listed.Where(r => _providers[r.Target.ProviderName].IsConfigured).Select(r => r.Model))
            .Concat(listed)
            .Concat(_table.Patterns.Where(p => _providers[p.Provider].IsConfigured).Select(p => p.Pattern))
            .Concat(_providers.Values.Where(p => p.IsConfigured).Select(p => $"{p.Name}/<model>"))
            .ToList();
        if (names.Count == 0)
        {
            return $"The model '{model}' does not exist: no provider is configured, so no model can be used. " +
                "Configure one under Languru:Providers (see docs/configuration.md); if you run the gateway from outside its folder, check that appsettings.json is found.";
        }

        var shown = string.Join(", ", names.Take(MaxNamesInMessage)) + (names.Count > MaxNamesInMessage ? ", …" : "");
        return $"The model '{model}' does not exist. Models you can use: {shown}. " +
            "To serve another name, add it to Languru:Aliases or to a provider's Languru:Providers:<name>:Models (see docs/configuration.md).";
    }

    [LoggerMessage(EventId = 1, EventName = "ModelCatalogFailed", Level = LogLevel.Warning,
        Message = "Listing the models of provider {Provider} failed; the listing goes on without them.")]
    private static partial void LogCatalogFailed(ILogger logger, string provider, Exception exception);
}

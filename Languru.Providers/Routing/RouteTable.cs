using System.Collections.Frozen;
using Languru.Providers.Resilience;

namespace Languru.Providers.Routing;

/// <summary>
/// The model-name routing rules, built once from configuration. Resolution order: an exact name or alias, then the
/// <c>provider/model</c> form, then the longest matching <c>prefix*</c> pattern. Names compare case-insensitively;
/// the upstream model id keeps the client's spelling.
/// </summary>
public sealed class RouteTable
{
    private readonly FrozenDictionary<string, RouteTarget> _exact;
    private readonly FrozenDictionary<string, string> _providerTypes;
    private readonly FrozenDictionary<string, string> _providerNames;
    private readonly (string Prefix, string Provider)[] _prefixes;

    private RouteTable(
        FrozenDictionary<string, RouteTarget> exact,
        FrozenDictionary<string, string> providerTypes,
        (string Prefix, string Provider)[] prefixes,
        IReadOnlyList<ListedRoute> listed)
    {
        _exact = exact;
        _providerTypes = providerTypes;
        _providerNames = providerTypes.Keys.ToFrozenDictionary(n => n, n => n, StringComparer.OrdinalIgnoreCase);
        _prefixes = prefixes;
        Listed = listed;
    }

    /// <summary>Provider name → provider type, for every configured provider.</summary>
    public IReadOnlyDictionary<string, string> ProviderTypes => _providerTypes;

    /// <summary>The exact names and aliases, in configuration order (what <c>GET /v1/models</c> can list).</summary>
    public IReadOnlyList<ListedRoute> Listed { get; }

    /// <summary>The <c>prefix*</c> patterns, longest first.</summary>
    public IEnumerable<(string Pattern, string Provider)> Patterns => _prefixes.Select(p => (p.Prefix + "*", p.Provider));

    /// <summary>Finds where a model name goes.</summary>
    /// <param name="model">The name the client sent.</param>
    /// <returns>The target, or null when no rule matches.</returns>
    public RouteTarget? Resolve(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_exact.TryGetValue(model, out var exact))
        {
            return exact;
        }

        var slash = model.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && slash < model.Length - 1
            && _providerNames.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(model.AsSpan(0, slash), out var provider))
        {
            return new RouteTarget(provider, model[(slash + 1)..]);
        }

        foreach (var (prefix, owner) in _prefixes)
        {
            if (model.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return new RouteTarget(owner, model);
            }
        }

        return null;
    }

    /// <summary>Builds the table and lists every problem in the configuration, each naming its setting.</summary>
    /// <param name="options">The routing configuration.</param>
    /// <param name="knownTypes">The provider types registered in this gateway.</param>
    /// <param name="errors">The problems; empty when the configuration is sound.</param>
    /// <returns>The table (usable even with errors, for diagnostics).</returns>
    public static RouteTable Build(RoutingOptions options, IReadOnlyCollection<string> knownTypes, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(knownTypes);
        var problems = new List<string>();
        var types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var exact = new Dictionary<string, RouteTarget>(StringComparer.OrdinalIgnoreCase);
        var prefixes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var listed = new List<ListedRoute>();

        foreach (var (name, provider) in options.Providers)
        {
            var path = $"Languru:Providers:{name}";
            if (name.Contains('/', StringComparison.Ordinal) || name.Contains('*', StringComparison.Ordinal))
            {
                problems.Add($"{path}: a provider name may not contain '/' or '*'.");
                continue;
            }

            var type = string.IsNullOrWhiteSpace(provider.Type) ? name : provider.Type.Trim();
            var knownType = knownTypes.FirstOrDefault(t => string.Equals(t, type, StringComparison.OrdinalIgnoreCase));
            if (knownType is null)
            {
                problems.Add(string.IsNullOrWhiteSpace(provider.Type)
                    ? $"{path}:Type is missing; set it to one of: {string.Join(", ", knownTypes)}."
                    : $"{path}:Type '{provider.Type}' is unknown; known types: {string.Join(", ", knownTypes)}.");
                continue;
            }

            types[name] = knownType;
            problems.AddRange(RetryProblems(path, provider));
            for (var i = 0; i < provider.Models.Count; i++)
            {
                AddModel(name, provider.Models[i], $"{path}:Models:{i}");
            }
        }

        var table = new RouteTable(
            exact.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            types.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            [.. prefixes.OrderByDescending(p => p.Key.Length).Select(p => (p.Key, p.Value))],
            listed);

        // Aliases point at names the providers' rules resolve; an alias of an alias is refused (no chains to follow).
        foreach (var (alias, target) in options.Aliases)
        {
            var path = $"Languru:Aliases:{alias}";
            if (alias.Contains('*', StringComparison.Ordinal))
            {
                problems.Add($"{path}: an alias is an exact name and may not contain '*'.");
            }
            else if (exact.TryGetValue(alias, out var existing))
            {
                problems.Add($"{path}: '{alias}' is already a model of provider '{existing.ProviderName}'; an alias may not hide it.");
            }
            else if (string.IsNullOrWhiteSpace(target))
            {
                problems.Add($"{path}: the alias points nowhere; set it to a model name such as 'echo' or 'openai/gpt-4o-mini'.");
            }
            else if (options.Aliases.ContainsKey(target))
            {
                problems.Add($"{path}: '{target}' is itself an alias; point '{alias}' at a model instead.");
            }
            else if (table.Resolve(target) is { } resolved)
            {
                exact[alias] = resolved;
                listed.Add(new ListedRoute(alias, resolved, IsAlias: true));
            }
            else
            {
                problems.Add($"{path}: no provider serves '{target}'. Use 'provider/model' or a name listed in a provider's Models.");
            }
        }

        var result = new RouteTable(exact.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), table._providerTypes, table._prefixes, listed);
        foreach (var (name, route) in options.Routes)
        {
            problems.AddRange(RouteProblems(name, route, options, result));
        }

        problems.AddRange(FallbackCycles(options));
        errors = problems;
        return result;

        void AddModel(string provider, string? entry, string path)
        {
            var model = entry?.Trim();
            if (string.IsNullOrEmpty(model))
            {
                problems.Add($"{path}: a model name may not be empty.");
                return;
            }

            var star = model.IndexOf('*', StringComparison.Ordinal);
            if (star >= 0)
            {
                if (star != model.Length - 1)
                {
                    problems.Add($"{path}: '{model}' may only have '*' at its end (patterns are 'prefix*').");
                    return;
                }

                var prefix = model[..^1];
                if (!prefixes.TryAdd(prefix, provider))
                {
                    problems.Add($"{path}: the pattern '{model}' is already claimed by provider '{prefixes[prefix]}'.");
                }

                return;
            }

            if (!exact.TryAdd(model, new RouteTarget(provider, model)))
            {
                problems.Add($"{path}: the model '{model}' is already claimed by provider '{exact[model].ProviderName}'.");
                return;
            }

            listed.Add(new ListedRoute(model, new RouteTarget(provider, model), IsAlias: false));
        }
    }

    private static IEnumerable<string> RetryProblems(string path, ProviderRouteOptions provider)
    {
        if (provider.MaxRetries is < 0 or > 10)
        {
            yield return $"{path}:MaxRetries '{provider.MaxRetries}': The field MaxRetries must be between 0 and 10.";
        }

        if (provider.RetryDelay <= TimeSpan.Zero || provider.RetryDelay > TimeSpan.FromMinutes(1))
        {
            yield return $"{path}:RetryDelay '{provider.RetryDelay}': RetryDelay must be between 00:00:00.001 and 00:01:00.";
        }

        if (provider.MaxRetryDuration < TimeSpan.Zero || provider.MaxRetryDuration > TimeSpan.FromMinutes(10))
        {
            yield return $"{path}:MaxRetryDuration '{provider.MaxRetryDuration}': MaxRetryDuration must be between 00:00:00 and 00:10:00.";
        }
    }

    /// <summary>What is wrong with one route: its name, targets, strategy, weights, fallbacks and health settings.</summary>
    private static IEnumerable<string> RouteProblems(string name, RouteOptions route, RoutingOptions options, RouteTable table)
    {
        var path = $"Languru:Routes:{name}";
        if (name.Contains('*', StringComparison.Ordinal))
        {
            yield return $"{path}: a route is an exact name and may not contain '*'.";
        }
        else if (table._exact.TryGetValue(name, out var existing))
        {
            yield return options.Aliases.ContainsKey(name)
                ? $"{path}: '{name}' is also an alias; keep one of them."
                : $"{path}: '{name}' is already a model of provider '{existing.ProviderName}'; a route may not hide it.";
        }

        if (route.Targets.Count == 0)
        {
            yield return $"{path}:Targets is empty; list at least one model name, e.g. 'vllm-a/llama-3.1-8b'.";
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < route.Targets.Count; i++)
        {
            if (ModelProblem($"{path}:Targets:{i}", route.Targets[i], options, table, allowRoute: false) is { } problem)
            {
                yield return problem;
            }
            else if (!seen.Add(table.Resolve(route.Targets[i].Trim())!.Value.Name))
            {
                yield return $"{path}:Targets:{i}: '{route.Targets[i]}' is already a target of this route.";
            }
        }

        var strategy = string.IsNullOrWhiteSpace(route.Strategy) ? RouteOptions.DefaultStrategy : route.Strategy.Trim();
        if (!LoadBalancingPolicies.ByName.ContainsKey(strategy))
        {
            yield return $"{path}:Strategy '{route.Strategy}' is unknown; use one of: {string.Join(", ", LoadBalancingPolicies.ByName.Keys.Order(StringComparer.Ordinal))}.";
        }
        else if (strategy.Equals("weighted", StringComparison.OrdinalIgnoreCase))
        {
            if (route.Weights.Count != route.Targets.Count)
            {
                yield return $"{path}:Weights has {route.Weights.Count} entries for {route.Targets.Count} targets; give one positive integer per target.";
            }

            for (var i = 0; i < route.Weights.Count; i++)
            {
                if (route.Weights[i] <= 0)
                {
                    yield return $"{path}:Weights:{i} '{route.Weights[i]}': a weight must be a positive integer.";
                }
            }
        }
        else if (route.Weights.Count > 0)
        {
            yield return $"{path}:Weights is only used with Strategy 'weighted' (the strategy is '{strategy}').";
        }

        for (var i = 0; i < route.Fallbacks.Count; i++)
        {
            if (ModelProblem($"{path}:Fallbacks:{i}", route.Fallbacks[i], options, table, allowRoute: true) is { } problem)
            {
                yield return problem;
            }
        }

        if (route.FailureThreshold < 1)
        {
            yield return $"{path}:FailureThreshold '{route.FailureThreshold}': FailureThreshold must be at least 1.";
        }

        if (route.Cooldown <= TimeSpan.Zero || route.Cooldown > TimeSpan.FromDays(1))
        {
            yield return $"{path}:Cooldown '{route.Cooldown}': Cooldown must be between 00:00:00.001 and 1.00:00:00.";
        }
    }

    private static string? ModelProblem(string path, string? entry, RoutingOptions options, RouteTable table, bool allowRoute)
    {
        var model = entry?.Trim();
        if (string.IsNullOrEmpty(model))
        {
            return $"{path}: a model name may not be empty.";
        }

        if (options.Routes.ContainsKey(model))
        {
            return allowRoute ? null : $"{path}: '{model}' is a route; a target is a model, so name the route in Fallbacks instead.";
        }

        return table.Resolve(model) is null
            ? $"{path}: no provider serves '{model}'. Use 'provider/model', an alias, or a name listed in a provider's Models."
            : null;
    }

    /// <summary>Routes whose fallbacks lead back to themselves, each loop reported once.</summary>
    private static List<string> FallbackCycles(RoutingOptions options)
    {
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var name in options.Routes.Keys)
        {
            Visit(name, []);
        }

        return problems;

        void Visit(string name, List<string> path)
        {
            var at = path.FindIndex(p => p.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (at >= 0)
            {
                var loop = path[at..];
                if (loop.All(reported.Add))
                {
                    problems.Add($"Languru:Routes:{loop[0]}:Fallbacks: the fallbacks loop back: {string.Join(" → ", loop)} → {loop[0]}.");
                }

                return;
            }

            if (!done.Add(name))
            {
                return;
            }

            path.Add(name);
            foreach (var fallback in options.Routes[name].Fallbacks)
            {
                if (fallback?.Trim() is { Length: > 0 } next && options.Routes.ContainsKey(next))
                {
                    Visit(options.Routes.Keys.First(k => k.Equals(next, StringComparison.OrdinalIgnoreCase)), path);
                }
            }

            path.RemoveAt(path.Count - 1);
        }
    }
}

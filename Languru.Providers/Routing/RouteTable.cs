using System.Collections.Frozen;

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

        errors = problems;
        return new RouteTable(exact.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), table._providerTypes, table._prefixes, listed);

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
}

using Microsoft.Extensions.Options;

namespace Languru.Providers.Routing;

/// <summary>
/// Validates the whole <c>Languru</c> section at start-up: the routes (<see cref="RouteTable.Build"/>) and every
/// enabled provider's own settings (<see cref="IChatProviderFactory.Validate"/>), reporting all problems together.
/// </summary>
internal sealed class RoutingOptionsValidator(IEnumerable<IChatProviderFactory> factories) : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var problems = new List<string>();
        var byType = new Dictionary<string, IChatProviderFactory>(StringComparer.OrdinalIgnoreCase);
        foreach (var factory in factories)
        {
            if (!byType.TryAdd(factory.Type, factory))
            {
                problems.Add($"Two provider factories claim the type '{factory.Type}'.");
            }
        }

        var table = RouteTable.Build(options, byType.Keys, out var routeProblems);
        problems.AddRange(routeProblems);
        foreach (var (provider, type) in table.ProviderTypes)
        {
            if (options.Providers[provider].Enabled != false)
            {
                problems.AddRange(byType[type].Validate(provider));
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

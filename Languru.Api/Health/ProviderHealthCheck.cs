using Languru.Providers.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Languru.Api.Health;

/// <summary>
/// Readiness of one provider: an enabled provider is healthy when its upstream answers (its cached model list, or a
/// cheap listing, see <see cref="IProviderProbe"/>); a provider that is off is healthy and says why it is off; a
/// provider with nothing to reach (echo) or that lists no models is healthy and says it was not probed.
/// </summary>
internal sealed class ProviderHealthCheck(string name, IProviderRegistry registry) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var provider = registry.Providers.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (provider is null)
        {
            return HealthCheckResult.Healthy("not in the configuration");
        }

        if (!provider.IsConfigured)
        {
            return HealthCheckResult.Healthy($"{provider.Type}, off: {provider.SetupHint}");
        }

        if (provider.Catalog is not IProviderProbe probe)
        {
            return HealthCheckResult.Healthy($"{provider.Type}, on (not probed: it lists no models)");
        }

        var result = await probe.ProbeAsync(cancellationToken);
        return result.Reachable
            ? HealthCheckResult.Healthy($"{provider.Type}, on, {result.Description}")
            : HealthCheckResult.Unhealthy($"{provider.Type}, on, unreachable: {result.Description}");
    }
}

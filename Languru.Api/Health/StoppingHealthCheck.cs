using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Languru.Api.Health;

/// <summary>Unhealthy from the moment a stop is asked for, so that load balancers stop sending new requests.</summary>
internal sealed class StoppingHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public const string Name = "stopping";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("The gateway is shutting down.")
            : HealthCheckResult.Healthy());
}

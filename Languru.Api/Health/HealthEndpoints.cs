using Languru.Providers.Routing;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Languru.Api.Health;

/// <summary>
/// The health endpoints, on ASP.NET Core's health checks: <c>/health</c> and <c>/health/live</c> (the process serves;
/// no check runs) and <c>/health/ready</c> (every check tagged <see cref="HealthTags.Ready"/>, e.g. each provider's
/// upstream; 503 when one fails, with a JSON body listing every check).
/// </summary>
internal static class HealthEndpoints
{
    private static readonly TimeSpan ProviderCheckTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddLanguruHealth(this IServiceCollection services)
    {
        services.AddHealthChecks();

        // One check per provider, named after it, so that /health/ready lists them one by one.
        services.AddSingleton<IConfigureOptions<HealthCheckServiceOptions>>(sp => new ConfigureOptions<HealthCheckServiceOptions>(o =>
        {
            foreach (var name in sp.GetRequiredService<IOptions<RoutingOptions>>().Value.Providers.Keys)
            {
                o.Registrations.Add(new HealthCheckRegistration(
                    $"provider:{name}",
                    checks => new ProviderHealthCheck(name, checks.GetRequiredService<IProviderRegistry>()),
                    HealthStatus.Unhealthy,
                    [HealthTags.Ready],
                    ProviderCheckTimeout));
            }
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapLanguruHealth(this IEndpointRouteBuilder endpoints)
    {
        var alive = new HealthCheckOptions { Predicate = _ => false };
        endpoints.MapHealthChecks("/health", alive);
        endpoints.MapHealthChecks("/health/live", alive);
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(HealthTags.Ready),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        return endpoints;
    }
}

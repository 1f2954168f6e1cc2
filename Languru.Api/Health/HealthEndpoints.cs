using Languru.Providers.Routing;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Languru.Api.Health;

/// <summary>
/// On ASP.NET Core's health checks. <c>GET /health</c>: the process is up (checks without the <see cref="ReadyTag"/>).
/// <c>GET /health/live</c>: the process serves (no check runs). <c>GET /health/ready</c>: it should be sent traffic
/// (checks with the tag: 503 once stopping, or when an enabled provider's upstream is unreachable; the JSON body
/// lists every check). Add more with <c>.AddCheck(…, tags: [ReadyTag])</c>.
/// </summary>
internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    private static readonly TimeSpan ProviderCheckTimeout = TimeSpan.FromSeconds(5);

    public static IHealthChecksBuilder AddLanguruHealthChecks(this IServiceCollection services)
    {
        // One check per provider, named after it, so that /health/ready lists them one by one. The names come from the
        // raw configuration: the validated options may not be read before the start-up check has reported problems.
        services.AddSingleton<IConfigureOptions<HealthCheckServiceOptions>>(sp => new ConfigureOptions<HealthCheckServiceOptions>(o =>
        {
            var providers = sp.GetRequiredService<IConfiguration>().GetSection($"{RoutingOptions.SectionName}:Providers").GetChildren();
            foreach (var name in providers.Select(p => p.Key).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                o.Registrations.Add(new HealthCheckRegistration(
                    $"provider:{name}",
                    checks => new ProviderHealthCheck(name, checks.GetRequiredService<IProviderRegistry>()),
                    HealthStatus.Unhealthy,
                    [ReadyTag],
                    ProviderCheckTimeout));
            }
        }));
        return services.AddHealthChecks().AddCheck<StoppingHealthCheck>(StoppingHealthCheck.Name, tags: [ReadyTag]);
    }

    public static IEndpointRouteBuilder MapLanguruHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => !check.Tags.Contains(ReadyTag) });
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        return endpoints;
    }
}

using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Languru.Api.Health;

/// <summary>
/// <c>GET /health</c>: the process is up (checks without the <see cref="ReadyTag"/>). <c>GET /health/ready</c>: it
/// should be sent traffic (checks with the tag: 503 once stopping; add more with <c>.AddCheck(…, tags: [ReadyTag])</c>).
/// </summary>
internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IHealthChecksBuilder AddLanguruHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<StoppingHealthCheck>(StoppingHealthCheck.Name, tags: [ReadyTag]);

    public static IEndpointRouteBuilder MapLanguruHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => !check.Tags.Contains(ReadyTag) });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return endpoints;
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Languru.Api.Redis;

/// <summary>
/// Part of <c>/health/ready</c> when Redis is configured: a PING. An unreachable Redis makes the instance
/// <em>degraded</em>, not unhealthy (it still serves, counting limits per instance or refusing them, as configured), so a
/// load balancer does not take every instance out at once because of one shared dependency.
/// </summary>
internal sealed class RedisHealthCheck(IServiceProvider services) : IHealthCheck
{
    public const string Name = "redis";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!RedisServiceCollectionExtensions.IsOn(services))
        {
            return HealthCheckResult.Healthy("Redis is not configured: limits, stored responses and cool-downs are kept by this instance.");
        }

        var redis = services.GetRequiredService<RedisConnection>();
        try
        {
            var latency = await redis.Database.PingAsync();
            redis.Succeeded();
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception e) when (RedisConnection.IsUnreachable(e))
        {
            redis.Failed("health", e);
            return HealthCheckResult.Degraded(
                redis.Options.FailClosed
                    ? "Redis is unreachable: rate-limited requests get 503 and stored responses are unavailable."
                    : "Redis is unreachable: rate limits count per instance and stored responses are unavailable.");
        }
    }
}

using Languru.Api.Health;
using Languru.Api.Limits;
using Languru.Api.Responses;
using Languru.Providers.Resilience;
using Microsoft.Extensions.Options;

namespace Languru.Api.Redis;

/// <summary>
/// Registers <c>Languru:Redis</c>. When a configuration is set (there or as <c>ConnectionStrings:redis</c>), the rate-limit
/// counters, the stored responses and the route cool-downs live in Redis, shared by every instance, and
/// <c>/health/ready</c> reports Redis; otherwise nothing changes and the in-memory defaults serve.
/// </summary>
internal static class RedisServiceCollectionExtensions
{
    public static IServiceCollection AddLanguruRedis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>()
            .BindConfiguration(RedisOptions.SectionName)
            .PostConfigure(o => o.Configuration = string.IsNullOrWhiteSpace(o.Configuration) ? configuration.GetConnectionString("redis") : o.Configuration)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>();

        // Decided when the services are first resolved, not here: configuration sources added by a host (or a test) after
        // this registration must count. Registered last-wins, so these replace the in-memory defaults whatever the order.
        services.AddSingleton<RedisConnection>();
        services.AddHostedService<RedisConnector>();
        services.AddSingleton<IRateLimitCounters>(sp => IsOn(sp)
            ? ActivatorUtilities.CreateInstance<RedisRateLimitCounters>(sp)
            : new InMemoryRateLimitCounters());
        services.AddSingleton<IResponseStore>(sp => IsOn(sp)
            ? ActivatorUtilities.CreateInstance<RedisResponseStore>(sp)
            : ActivatorUtilities.CreateInstance<InMemoryResponseStore>(sp));
        services.AddSingleton<ICooldownStore>(sp => IsOn(sp)
            ? ActivatorUtilities.CreateInstance<RedisCooldownStore>(sp)
            : ActivatorUtilities.CreateInstance<InMemoryCooldownStore>(sp));
        services.AddHealthChecks().AddCheck<RedisHealthCheck>(RedisHealthCheck.Name, tags: [HealthEndpoints.ReadyTag]);
        return services;
    }

    /// <summary>Whether <c>Languru:Redis</c> (or <c>ConnectionStrings:redis</c>) names a Redis.</summary>
    public static bool IsOn(IServiceProvider services) =>
        !string.IsNullOrWhiteSpace(services.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration);

    /// <summary>Opens the connection in the background at start-up, so that a Redis that is down never delays it.</summary>
    private sealed class RedisConnector(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (IsOn(services))
            {
                var redis = services.GetRequiredService<RedisConnection>();
                _ = Task.Run(redis.Open, CancellationToken.None);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

using Languru.Providers.Configuration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Languru.Api.Limits;

/// <summary>Registers <c>Languru:Limits</c> (checked at start-up) and the rate limits: the counters (in memory unless another store is registered first) and the filter.</summary>
internal static class LimitsServiceCollectionExtensions
{
    public static IServiceCollection AddLanguruLimits(this IServiceCollection services)
    {
        services.AddOptions<LimitsOptions>().BindCheckedConfiguration(LimitsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>());
        services.TryAddSingleton<IRateLimitCounters, InMemoryRateLimitCounters>();
        services.TryAddSingleton<RateLimitGate>();
        services.AddSingleton<RateLimitFilter>();
        // Reusable: MVC caches the one filter instead of resolving it for every request (it is a singleton).
        services.Configure<MvcOptions>(o => o.Filters.Add(new ServiceFilterAttribute(typeof(RateLimitFilter)) { IsReusable = true }));
        return services;
    }

    /// <summary>The client, reporting its usage to the request's rate limits when they count tokens.</summary>
    public static IChatClient WithUsageReporting(this IChatClient client, HttpContext context) =>
        context.Features.Get<RateLimitAdmission>() is { } admission ? new UsageReportingChatClient(client, admission) : client;

    /// <summary>The generator, reporting its usage to the request's rate limits when they count tokens.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> WithUsageReporting(this IEmbeddingGenerator<string, Embedding<float>> generator, HttpContext context) =>
        context.Features.Get<RateLimitAdmission>() is { } admission ? new UsageReportingEmbeddingGenerator(generator, admission) : generator;
}

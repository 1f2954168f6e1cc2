using Languru.Api.Hosting;
using Languru.Api.Limits;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Languru.Api.Browsers;

/// <summary>Registers what browsers see: CORS from <c>Languru:Cors</c>, the docs switch, no <c>Server</c> header.</summary>
internal static class BrowserServiceCollectionExtensions
{
    /// <summary>What a page may send besides CORS's safelisted headers.</summary>
    private static readonly string[] AllowedHeaders = ["authorization", "content-type", "x-api-key"];

    public static IServiceCollection AddLanguruBrowsers(this IServiceCollection services)
    {
        services.AddOptions<BrowserOptions>().BindConfiguration(BrowserOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BrowserOptions>, BrowserOptionsValidator>());
        services.AddOptions<DocsOptions>().BindConfiguration(DocsOptions.SectionName);
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<BrowserOptions>>((cors, browsers) =>
            cors.AddDefaultPolicy(policy => Configure(policy, browsers.Value.AllowedOrigins)));
        return services;
    }

    /// <summary>CORS, only when origins are configured: otherwise no response carries a CORS header.</summary>
    public static IApplicationBuilder UseLanguruCors(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<BrowserOptions>>().Value.AllowedOrigins.Count > 0 ? app.UseCors() : app;

    private static void Configure(CorsPolicyBuilder policy, IList<string> origins)
    {
        if (origins.Contains("*"))
        {
            policy.AllowAnyOrigin();
        }
        else
        {
            policy.WithOrigins([.. origins]);
        }

        policy.WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Delete)
            .WithHeaders(AllowedHeaders)
            .WithExposedHeaders([RequestIds.Header, "retry-after", .. RateLimitHeaders.Names])
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
    }
}

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
    /// <summary>
    /// What a page may always send besides CORS's safelisted headers: the key, the body's type, and what the official
    /// OpenAI JavaScript SDK adds in a browser (<c>dangerouslyAllowBrowser</c>; openai-node's <c>buildHeaders</c>, its
    /// platform headers and helpers). None of them carries authority: the page sends its key itself, and no cookie is
    /// ever allowed. Others only with <see cref="BrowserOptions.AllowedHeaders"/>.
    /// </summary>
    internal static readonly string[] AllowedHeaders =
    [
        "authorization", "content-type", "x-api-key",
        "openai-organization", "openai-project", "openai-beta", "user-agent",
        "x-stainless-arch", "x-stainless-lang", "x-stainless-os", "x-stainless-package-version", "x-stainless-runtime",
        "x-stainless-runtime-version", "x-stainless-retry-count", "x-stainless-timeout", "x-stainless-helper-method",
        "x-stainless-poll-helper", "x-stainless-custom-poll-interval",
    ];

    public static IServiceCollection AddLanguruBrowsers(this IServiceCollection services)
    {
        services.AddOptions<BrowserOptions>().BindConfiguration(BrowserOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BrowserOptions>, BrowserOptionsValidator>());
        services.AddOptions<DocsOptions>().BindConfiguration(DocsOptions.SectionName);
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<BrowserOptions>>((cors, browsers) =>
            cors.AddDefaultPolicy(policy => Configure(policy, browsers.Value)));
        return services;
    }

    /// <summary>CORS, only when origins are configured: otherwise no response carries a CORS header.</summary>
    public static IApplicationBuilder UseLanguruCors(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<BrowserOptions>>().Value.AllowedOrigins.Count > 0 ? app.UseCors() : app;

    private static void Configure(CorsPolicyBuilder policy, BrowserOptions browsers)
    {
        if (browsers.AllowedOrigins.Contains("*"))
        {
            policy.AllowAnyOrigin();
        }
        else
        {
            policy.WithOrigins([.. browsers.AllowedOrigins]);
        }

        if (browsers.AllowedHeaders.Contains("*"))
        {
            policy.AllowAnyHeader();
        }
        else
        {
            policy.WithHeaders([.. AllowedHeaders, .. browsers.AllowedHeaders]);
        }

        policy.WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Delete)
            .WithExposedHeaders([RequestIds.Header, "retry-after", .. RateLimitHeaders.Names, RouteTracking.ProviderHeader, RouteTracking.ModelHeader])
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
    }
}

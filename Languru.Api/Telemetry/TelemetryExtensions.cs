using Languru.Providers.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Languru.Api.Telemetry;

/// <summary>
/// Wires OpenTelemetry: traces and metrics exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (the exporter reads the other standard <c>OTEL_*</c> settings), metrics at <c>/metrics</c> in Prometheus text
/// format when <c>Languru:Telemetry:Prometheus</c> is true, the service named by <c>OTEL_SERVICE_NAME</c> (default
/// <c>languru</c>). With neither, no OpenTelemetry SDK runs and nothing is sampled; the per-request log line and
/// the <c>Languru</c> meter (for in-process listeners) remain.
/// </summary>
internal static class TelemetryExtensions
{
    public const string DefaultServiceName = "languru";

    public static IServiceCollection AddLanguruTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddSingleton<GatewayMetrics>();
        var prometheus = IsPrometheusOn(configuration);
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!otlp && !prometheus)
        {
            return services;
        }

        services.PostConfigure<TelemetryOptions>(o => o.Enabled = true);
        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName;
        var otel = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(serviceName));
        if (otlp)
        {
            otel.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !RequestTelemetryMiddleware.IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddSource(ProviderPipeline.SourceName)
                .AddOtlpExporter());
        }

        otel.WithMetrics(metrics =>
        {
            metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(GatewayMetrics.MeterName, ProviderPipeline.SourceName)
                // Kestrel's memory-pool meter records on every 4 KB block rented and returned, several times a request
                // (about 1% of a request's CPU, docs/benchmarks.md), to describe the server's buffers rather than the
                // gateway's traffic; dotnet-counters and in-process listeners still see it.
                .AddView(instrumentName: "aspnetcore.memory_pool.*", MetricStreamConfiguration.Drop);
            if (otlp)
            {
                metrics.AddOtlpExporter();
            }

            if (prometheus)
            {
                metrics.AddPrometheusExporter();
            }
        });
        return services;
    }

    /// <summary>Adds the per-request record, log line and metrics (right after the request id is known).</summary>
    public static IApplicationBuilder UseLanguruRequestTelemetry(this IApplicationBuilder app) => app.UseMiddleware<RequestTelemetryMiddleware>();

    /// <summary>Maps <c>/metrics</c> when Prometheus is on.</summary>
    public static IEndpointRouteBuilder MapLanguruMetrics(this IEndpointRouteBuilder endpoints, IConfiguration configuration)
    {
        if (IsPrometheusOn(configuration))
        {
            endpoints.MapPrometheusScrapingEndpoint("/metrics");
        }

        return endpoints;
    }

    // Read leniently here: a value that is not a boolean is reported by the options' start-up check, naming it.
    private static bool IsPrometheusOn(IConfiguration configuration) =>
        bool.TryParse(configuration[$"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.Prometheus)}"], out var on) && on;
}

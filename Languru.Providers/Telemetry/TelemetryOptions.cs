namespace Languru.Providers.Telemetry;

/// <summary>The <c>Languru:Telemetry</c> settings (see docs/observability.md).</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Languru:Telemetry";

    /// <summary>
    /// Whether each provider call is instrumented (GenAI spans and <c>gen_ai.client.*</c> metrics). On by itself when
    /// traces or metrics are exported (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or <see cref="Prometheus"/>); set it to
    /// instrument for in-process tools such as <c>dotnet-counters</c> without exporting. Off, a provider call costs
    /// nothing extra.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Whether spans may carry message content (prompts, answers, tool arguments). Default false.</summary>
    public bool RecordContent { get; set; }

    /// <summary>Whether <c>GET /metrics</c> serves the metrics in Prometheus text format. Default false.</summary>
    public bool Prometheus { get; set; }
}

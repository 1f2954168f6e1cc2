using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Languru.Bench.Micro;

/// <summary>Metrics collected the way the Prometheus exporter collects them (cumulative), then thrown away.</summary>
internal static class CumulativeMetrics
{
    public static MeterProvider Start(string meterName) => Sdk.CreateMeterProviderBuilder().AddMeter(meterName)
        .AddReader(new BaseExportingMetricReader(new NoExporter()) { TemporalityPreference = MetricReaderTemporalityPreference.Cumulative })
        .Build();

    private sealed class NoExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}

using Microsoft.Extensions.Logging;
using System.Diagnostics;
using Languru.Providers.Routing;
using Languru.Providers.Telemetry;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Languru.Tests.Providers.Telemetry;

/// <summary>
/// The <c>gen_ai.client.*</c> metrics are the same whether Microsoft.Extensions.AI's client recorded them (spans are
/// listened to) or the gateway's lighter recorder did (only metrics are exported): exported through OpenTelemetry's
/// SDK, each path gives the same metric names, units, attributes and counts.
/// </summary>
public class GenAIMetricsChatClientTests
{
    public enum CallKind
    {
        Whole,
        Stream,
        FailingStream,
    }

    private static Mock<IChatClient> Upstream(string model)
    {
        var upstream = new Mock<IChatClient>();
        upstream.Setup(c => c.GetService(typeof(ChatClientMetadata), null)).Returns(new ChatClientMetadata("acme", new Uri("http://127.0.0.1:9/")));
        upstream.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ChatResponse(new ChatMessage(ChatRole.Assistant, "whole"))
            {
                ModelId = model + "-2024",
                Usage = new UsageDetails { InputTokenCount = 11, OutputTokenCount = 7 },
            });
        ChatResponseUpdate[] updates =
        [
            new(ChatRole.Assistant, "") { ModelId = model + "-2024" },
            new(ChatRole.Assistant, "hel"),
            new(ChatRole.Assistant, "lo") { ModelId = model + "-2024-b" },
            new(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = 5, OutputTokenCount = 2 })]),
            new(ChatRole.Assistant, [new UsageContent(new UsageDetails { OutputTokenCount = 3 })]),
        ];
        upstream.Setup(c => c.GetStreamingResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(() => model.StartsWith("fail", StringComparison.Ordinal)
                ? AsyncEnumerables.ThenThrow(updates.Take(2), new HttpRequestException("upstream went away"))
                : AsyncEnumerables.Of(updates));
        return upstream;
    }

    /// <summary>One call through the provider pipeline, with or without a span listener; the metrics as exported.</summary>
    private static async Task<(bool Traced, Dictionary<string, List<string>> Metrics)> MeasureAsync(CallKind call, bool listenToSpans, string model)
    {
        var exported = new List<Metric>();
        var spans = new List<Activity>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(ProviderPipeline.SourceName).AddInMemoryExporter(exported).Build();
        bool traced;
        using (listenToSpans ? Sdk.CreateTracerProviderBuilder().AddSource(ProviderPipeline.SourceName).AddInMemoryExporter(spans).Build() : null)
        {
            var pipeline = new ProviderPipeline(Options.Create(new TelemetryOptions { Enabled = true }), NullLoggerFactory.Instance, TimeProvider.System);
            using var provider = pipeline.Compose(ChatProvider.Configured("acme", "stub", Upstream(model).Object));
            var client = provider.Client!;
            traced = client.GetService<GenAIMetricsChatClient>()!.IsTraced;
            var options = new ChatOptions { ModelId = model };
            if (call == CallKind.Whole)
            {
                await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], options);
            }
            else
            {
                try
                {
                    await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], options))
                    {
                        _ = update;
                    }
                }
                catch (HttpRequestException) when (call == CallKind.FailingStream)
                {
                    // expected: the error is what the metrics must show
                }
            }
        }

        meters.ForceFlush();
        Assert.That(exported.Select(m => m.Name), Is.Unique, "the library's instruments and ours are one series each");
        return (traced, Summarize(exported, model));
    }

    /// <summary>Per exported metric (name and unit), one line per series of this test's model: attributes and count.</summary>
    private static Dictionary<string, List<string>> Summarize(List<Metric> metrics, string model)
    {
        var summary = new Dictionary<string, List<string>>();
        foreach (var metric in metrics)
        {
            var series = new List<string>();
            var bounds = "";
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new List<string>();
                foreach (var tag in point.Tags)
                {
                    tags.Add($"{tag.Key}={tag.Value}");
                }

                if (!tags.Contains($"gen_ai.request.model={model}"))
                {
                    continue; // another test's series
                }

                tags.Sort(StringComparer.Ordinal);
                bounds = "";
                foreach (var bucket in point.GetHistogramBuckets())
                {
                    bounds += $"{bucket.ExplicitBound} ";
                }

                var sum = metric.Name == "gen_ai.client.token.usage" ? $" sum {point.GetHistogramSum()}" : "";
                series.Add($"{string.Join(",", tags)} count {point.GetHistogramCount()}{sum}");
            }

            if (series.Count > 0)
            {
                series.Sort(StringComparer.Ordinal);
                summary[$"{metric.Name} ({metric.Unit}, {metric.MetricType})"] = series;
                summary[$"{metric.Name} buckets"] = [bounds];
            }
        }

        return summary;
    }

    [TestCase(CallKind.Whole)]
    [TestCase(CallKind.Stream)]
    [TestCase(CallKind.FailingStream)]
    public async Task Compose_OnlyMetricsExported_RecordsWhatTheLibrarysClientRecords(CallKind call)
    {
        // Act
        var (tracedPath, library) = await MeasureAsync(call, listenToSpans: true, $"{Prefix(call)}-library");
        var (cheapPath, ours) = await MeasureAsync(call, listenToSpans: false, $"{Prefix(call)}-ours");

        // Assert
        Assert.That((tracedPath, cheapPath), Is.EqualTo((true, false)), "each call took the path this test means");
        Assert.That(ours, Is.Not.Empty);
        Assert.That(ours.Keys, Is.EquivalentTo(library.Keys));
        foreach (var (name, series) in library)
        {
            Assert.That(ours[name], Is.EqualTo(series.Select(s => s.Replace("-library", "-ours", StringComparison.Ordinal)).ToList()), name);
        }
    }

    [Test]
    public async Task Compose_OnlyMetricsExported_WholeAnswerRecordsTheDurationAndTokenUsage()
    {
        // Act
        var (_, metrics) = await MeasureAsync(CallKind.Whole, listenToSpans: false, "whole-detail");

        // Assert
        const string Common = "gen_ai.operation.name=chat,gen_ai.provider.name=acme,gen_ai.request.model=whole-detail,gen_ai.response.model=whole-detail-2024";
        Assert.That(metrics["gen_ai.client.token.usage ({token}, Histogram)"], Is.EqualTo(new[]
        {
            $"{Common},gen_ai.token.type=input,server.address=127.0.0.1,server.port=9 count 1 sum 11",
            $"{Common},gen_ai.token.type=output,server.address=127.0.0.1,server.port=9 count 1 sum 7",
        }));
        Assert.That(metrics["gen_ai.client.operation.duration (s, Histogram)"], Is.EqualTo(new[] { $"{Common},server.address=127.0.0.1,server.port=9 count 1" }));
        Assert.That(metrics.Keys, Has.None.Contains("chunk"), "a whole answer has no chunks");
    }

    [Test]
    public async Task Compose_OnlyMetricsExported_StreamRecordsEveryChunkAndTheSummedUsage()
    {
        // Act
        var (_, metrics) = await MeasureAsync(CallKind.Stream, listenToSpans: false, "stream-detail");

        // Assert
        const string Common = "gen_ai.operation.name=chat,gen_ai.provider.name=acme,gen_ai.request.model=stream-detail,gen_ai.response.model=stream-detail-2024";
        Assert.That(metrics["gen_ai.client.operation.time_to_first_chunk (s, Histogram)"], Is.EqualTo(new[] { $"{Common},server.address=127.0.0.1,server.port=9 count 1" }));
        Assert.That(metrics["gen_ai.client.operation.time_per_output_chunk (s, Histogram)"], Is.EqualTo(new[] { $"{Common},server.address=127.0.0.1,server.port=9 count 4" }));
        Assert.That(metrics["gen_ai.client.token.usage ({token}, Histogram)"], Is.EqualTo(new[]
        {
            $"{Common}-b,gen_ai.token.type=input,server.address=127.0.0.1,server.port=9 count 1 sum 5",
            $"{Common}-b,gen_ai.token.type=output,server.address=127.0.0.1,server.port=9 count 1 sum 5",
        }));
        Assert.That(metrics["gen_ai.client.operation.duration (s, Histogram)"], Is.EqualTo(new[] { $"{Common}-b,server.address=127.0.0.1,server.port=9 count 1" }));
    }

    [Test]
    public async Task Compose_OnlyMetricsExported_FailedStreamNamesTheErrorType()
    {
        // Act
        var (_, metrics) = await MeasureAsync(CallKind.FailingStream, listenToSpans: false, "fail-detail");

        // Assert
        Assert.That(metrics["gen_ai.client.operation.duration (s, Histogram)"].Single(), Does.Contain("error.type=System.Net.Http.HttpRequestException"));
        Assert.That(metrics.Keys, Has.None.Contains("gen_ai.client.token.usage"), "no usage was reported");
    }

    [Test]
    public async Task OnlyMetricsExported_FailedCall_WarnsWithTheErrorTypeButNotItsMessage()
    {
        // Arrange: an exception's message can quote the upstream's error text, and through it the prompt
        var logs = new Microsoft.Extensions.Logging.Testing.FakeLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        using var client = new GenAIMetricsChatClient(Upstream("fail-log").Object, loggers, recordContent: false, TimeProvider.System);

        // Act
        var failed = Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = "fail-log" }))
            {
            }
        });

        // Assert
        var warning = logs.Collector.GetSnapshot().Single(r => r.Level == LogLevel.Warning);
        Assert.That(failed!.Message, Is.EqualTo("upstream went away"));
        Assert.That(warning.Message, Does.Contain("System.Net.Http.HttpRequestException").And.Not.Contain("upstream went away"));
        Assert.That(warning.Exception, Is.Null);
    }

    private static string Prefix(CallKind call) => call == CallKind.FailingStream ? "fail" : call.ToString().ToLowerInvariant();
}

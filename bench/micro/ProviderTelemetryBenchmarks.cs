using BenchmarkDotNet.Attributes;
using Languru.Providers.Routing;
using Languru.Providers.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Languru.Bench.Micro;

/// <summary>
/// The provider pipeline's telemetry per call, with metrics exported the way Prometheus exports them (OpenTelemetry's
/// SDK, cumulative, nothing listening for spans), over an upstream that answers at once (a whole answer, or a stream of
/// 21 updates like bench/upstream's): Microsoft.Extensions.AI's <see cref="OpenTelemetryChatClient"/> as it was
/// composed before (<c>Library_*</c>) against the pipeline as it is (<c>Pipeline_*</c>, which records the same metrics
/// itself when no span is listened to), and the pipeline with telemetry off (<c>Off_*</c>: the request record only,
/// which <c>Pipeline_*</c> also runs).
/// </summary>
[MemoryDiagnoser]
public class ProviderTelemetryBenchmarks
{
    private readonly List<ChatMessage> _messages = [new(ChatRole.User, "Say hello")];
    private readonly ChatOptions _options = new() { ModelId = "gpt-4o-mini" };
    private MeterProvider _meters = null!;
    private IChatClient _library = null!;
    private IChatClient _pipeline = null!;
    private IChatClient _untraced = null!;

    [GlobalSetup]
    public void Setup()
    {
        _meters = CumulativeMetrics.Start(ProviderPipeline.SourceName);
        var upstream = new InstantUpstream();
        _library = new ChatClientBuilder(upstream)
            .UseOpenTelemetry(NullLoggerFactory.Instance, ProviderPipeline.SourceName, c => c.EnableSensitiveData = false)
            .Build();
        var pipeline = new ProviderPipeline(Options.Create(new TelemetryOptions { Enabled = true }), NullLoggerFactory.Instance, TimeProvider.System);
        _pipeline = pipeline.Compose(ChatProvider.Configured("bench", "openai", upstream)).Client!;
        var off = new ProviderPipeline(Options.Create(new TelemetryOptions { Enabled = false }), NullLoggerFactory.Instance, TimeProvider.System);
        _untraced = off.Compose(ChatProvider.Configured("bench", "openai", upstream)).Client!;
    }

    [GlobalCleanup]
    public void Cleanup() => _meters.Dispose();

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> Library_WholeAnswer() => Whole(_library);

    [Benchmark]
    public Task<ChatResponse> Pipeline_WholeAnswer() => Whole(_pipeline);

    [Benchmark]
    public Task<ChatResponse> Off_WholeAnswer() => Whole(_untraced);

    [Benchmark]
    public Task<int> Library_Stream() => Stream(_library);

    [Benchmark]
    public Task<int> Off_Stream() => Stream(_untraced);

    [Benchmark]
    public Task<int> Pipeline_Stream() => Stream(_pipeline);

    private Task<ChatResponse> Whole(IChatClient client)
    {
        RequestRecord.Current = new RequestRecord();
        return client.GetResponseAsync(_messages, _options);
    }

    private async Task<int> Stream(IChatClient client)
    {
        RequestRecord.Current = new RequestRecord();
        var count = 0;
        await foreach (var update in client.GetStreamingResponseAsync(_messages, _options))
        {
            count += update.Contents.Count;
        }

        return count;
    }

    /// <summary>An upstream with nothing to wait for: a whole answer, or bench/upstream's 21-event stream.</summary>
    private sealed class InstantUpstream : IChatClient
    {
        private static readonly ChatClientMetadata Metadata = new("bench", new Uri("http://127.0.0.1:18080/v1"), "gpt-4o-mini");
        private static readonly ChatResponse Response = new(new ChatMessage(ChatRole.Assistant, "Hello! How can I help you today?"))
        {
            ModelId = "gpt-4o-mini-2024-07-18",
            Usage = new UsageDetails { InputTokenCount = 9, OutputTokenCount = 9, TotalTokenCount = 18 },
        };

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(Response);

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            const string Model = "gpt-4o-mini-2024-07-18";
            yield return new ChatResponseUpdate(ChatRole.Assistant, "") { ModelId = Model, ResponseId = "chatcmpl-1" };
            for (var i = 0; i < 18; i++)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, "word ") { ModelId = Model, ResponseId = "chatcmpl-1" };
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, []) { ModelId = Model, ResponseId = "chatcmpl-1", FinishReason = ChatFinishReason.Stop };
            yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = 9, OutputTokenCount = 18, TotalTokenCount = 27 })])
            {
                ModelId = Model,
                ResponseId = "chatcmpl-1",
            };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? Metadata : null;

        public void Dispose()
        {
        }
    }
}

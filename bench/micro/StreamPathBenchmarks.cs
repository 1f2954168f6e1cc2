using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Languru.Api.Access;
using Languru.Api.Completions;
using Languru.Api.Limits;
using Languru.Api.Mapping;
using Languru.Providers.Resilience;
using Languru.Providers.Routing;
using Languru.Providers.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Languru.Bench.Micro;

/// <summary>
/// Every layer a streamed chunk passes between the provider and the response body, with the features users run: the
/// benchmark upstream's 21 updates as the wire path reads them (read once, up front) through the provider pipeline
/// (<c>GenAIMetricsChatClient</c> with metrics exported as Prometheus does, no span listener; the request record),
/// the request's <c>RoutedChatClient</c> (one target), <c>UsageReportingChatClient</c> (an API key with a tokens
/// limit, in-memory counters), <see cref="ChoiceFanOut"/> and <see cref="ChatChunkMapper"/>, and the chunk writer
/// into an in-memory body, as <c>ChatCompletionStreamResult</c> writes it (without Kestrel). Per operation: one
/// request's record, routed client and stream; the admission is made once (its cost is in
/// <see cref="RequestFeaturesBenchmarks"/>).
/// </summary>
[MemoryDiagnoser]
public class StreamPathBenchmarks
{
    private readonly ChunkBody _chunks = new();
    private readonly List<ChatMessage> _messages = [new(ChatRole.User, "hi")];
    private readonly ChatOptions _options = new() { ModelId = "gpt-4o-mini" };
    private readonly CompletionHeader _header = new("chatcmpl-0123456789abcdefghijklmnopqrs", 1700000000, "gpt-4o-mini");
    private readonly InMemoryCooldownStore _cooldowns = new(TimeProvider.System);
    private MeterProvider _meters = null!;
    private ChatProvider _provider = null!;
    private DefaultHttpContext _context = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _meters = CumulativeMetrics.Start(ProviderPipeline.SourceName);
        var pipeline = new ProviderPipeline(Options.Create(new TelemetryOptions { Enabled = true }), NullLoggerFactory.Instance, TimeProvider.System);
        _provider = pipeline.Compose(ChatProvider.Configured("bench", "openai", new ReplayChatClient()));

        var access = new AccessOptions();
        access.Keys["bench"] = new ApiKeyOptions { Key = "sk-bench", RequestsPerMinute = 100_000_000, TokensPerMinute = 100_000_000_000 };
        var keys = new ApiKeyTable(Options.Create(access), new ConfigurationBuilder().Build());
        var gate = new RateLimitGate(new InMemoryRateLimitCounters(), keys, Options.Create(new LimitsOptions()), TimeProvider.System, NullLogger<RateLimitGate>.Instance);
        _context = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench")], ApiKeyDefaults.AuthenticationScheme)) };
        await gate.AdmitAsync(_context, new RequestCost(1, 40), CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup() => _meters.Dispose();

    /// <summary>The whole way, into the body.</summary>
    [Benchmark]
    public Task<int> Stream_ProviderToBody() =>
        _chunks.WriteAsync(ChatChunkMapper.ToChunksAsync(Updates(), _header, 1, includeUsage: true, CancellationToken.None));

    /// <summary>The layers alone: up to the updates the chunk mapper reads (the stream rule's).</summary>
    [Benchmark]
    public async Task<int> Stream_ProviderToMapper()
    {
        var count = 0;
        await foreach (var (_, update) in Updates())
        {
            count += update.Contents.Count;
        }

        return count;
    }

    /// <summary>One request's stream: its record, its routed client, the usage report around it, the stream rule.</summary>
    private IAsyncEnumerable<ChoiceUpdate> Updates()
    {
        RequestRecord.Current = new RequestRecord();
        var routed = new RoutedChatClient(
            [new PlannedTarget(_provider, "gpt-4o-mini", RetrySettings.None, IsFallback: false)],
            new RouteOutcome("gpt-4o-mini", route: null),
            _cooldowns,
            TimeProvider.System,
            NullLogger.Instance);
        return ChoiceFanOut.StreamAsync(routed.WithUsageReporting(_context), _messages, _options, 1, CancellationToken.None);
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Languru.Providers.Telemetry;

/// <summary>
/// The GenAI client instrumentation of a provider call. While something listens for spans on the
/// <see cref="ProviderPipeline.SourceName"/> source (OTLP tracing, an in-process listener), the call goes through
/// Microsoft.Extensions.AI's <see cref="OpenTelemetryChatClient"/>, which makes the span and the metrics. Otherwise
/// (only metrics are exported, e.g. Prometheus) it records the same <c>gen_ai.client.*</c> metrics itself: the
/// library's client would still keep every streamed update and rebuild a whole <see cref="ChatResponse"/> at the end
/// (concatenating the text) only to read its model and usage, which costs a gateway on every stream. Same instrument
/// names, units, descriptions and bucket boundaries, so that OpenTelemetry merges both into one series each; same
/// attributes; and the same warning log on a failed call. Holds nothing per stream but a few numbers.
/// </summary>
internal sealed partial class GenAIMetricsChatClient : DelegatingChatClient
{
    // The values of Microsoft.Extensions.AI's OpenTelemetryConsts (internal there): they must match exactly.
    private static readonly double[] SecondsBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
    private static readonly int[] TokenBuckets = [1, 4, 16, 64, 256, 1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304, 16_777_216, 67_108_864];

    private readonly OpenTelemetryChatClient _traced;
    private readonly ActivitySource _source;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Meter _meter;
    private readonly Histogram<int> _tokenUsage;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _timeToFirstChunk;
    private readonly Histogram<double> _timePerOutputChunk;
    private readonly string? _defaultModelId;
    private readonly string? _providerName;
    private readonly string? _serverAddress;
    private readonly int _serverPort;

    /// <param name="innerClient">The provider's client.</param>
    /// <param name="loggers">For the library's client, and the warning on a failed call (same category as the library's).</param>
    /// <param name="recordContent">Whether spans may carry message content.</param>
    /// <param name="time">The clock of the durations.</param>
    public GenAIMetricsChatClient(IChatClient innerClient, ILoggerFactory loggers, bool recordContent, TimeProvider time)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _logger = loggers.CreateLogger<OpenTelemetryChatClient>();

        // Set explicitly, so that OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT cannot turn content on behind the
        // gateway's own setting.
        _traced = new OpenTelemetryChatClient(innerClient, _logger, ProviderPipeline.SourceName) { EnableSensitiveData = recordContent };
        _source = (ActivitySource)_traced.GetService(typeof(ActivitySource))!;
        _time = time;
        if (innerClient.GetService<ChatClientMetadata>() is { } metadata)
        {
            _defaultModelId = metadata.DefaultModelId;
            _providerName = metadata.ProviderName;
            _serverAddress = metadata.ProviderUri?.Host;
            _serverPort = metadata.ProviderUri?.Port ?? 0;
        }

        _meter = new Meter(ProviderPipeline.SourceName);
        _tokenUsage = _meter.CreateHistogram(
            "gen_ai.client.token.usage", "{token}", "Measures number of input and output tokens used",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = TokenBuckets });
        _duration = Seconds("gen_ai.client.operation.duration", "Measures the duration of a GenAI operation");
        _timeToFirstChunk = Seconds("gen_ai.client.operation.time_to_first_chunk", "Measures the time to receive the first chunk in a streaming operation");
        _timePerOutputChunk = Seconds("gen_ai.client.operation.time_per_output_chunk", "Measures the time per output chunk in a streaming operation");
    }

    /// <summary>Whether a call now goes through the library's client (something listens for its spans).</summary>
    internal bool IsTraced => _source.HasListeners();

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ActivitySource) ? _source : base.GetService(serviceType, serviceKey);

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (IsTraced)
        {
            return await _traced.GetResponseAsync(messages, options, cancellationToken);
        }

        var started = _time.GetTimestamp();
        ChatResponse? response = null;
        Exception? error = null;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken);
            return response;
        }
        catch (Exception ex)
        {
            error = ex;
            throw;
        }
        finally
        {
            var usage = response?.Usage;
            Ended(started, options, response?.ModelId, usage?.InputTokenCount, usage?.OutputTokenCount, error);
        }
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        IsTraced
            ? _traced.GetStreamingResponseAsync(messages, options, cancellationToken)
            : MeasureAsync(messages, options, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _traced.Dispose();
            _meter.Dispose();
        }

        base.Dispose(disposing);
    }

    private async IAsyncEnumerable<ChatResponseUpdate> MeasureAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var chunks = _timeToFirstChunk.Enabled || _timePerOutputChunk.Enabled;
        var chunkTags = default(TagList);
        if (chunks)
        {
            AddTags(ref chunkTags, options, responseModel: null);
        }

        // What the library reads from the whole response it rebuilds: the last model named, the usage summed.
        string? responseModel = null;
        long? inputTokens = null;
        long? outputTokens = null;
        var chunkModelSet = false;
        var last = started;
        var first = true;
        Exception? error = null;
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        try
        {
            updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync())
                    {
                        break;
                    }

                    update = updates.Current;
                }
                catch (Exception ex)
                {
                    error = ex;
                    throw;
                }

                if (update.ModelId is { } model)
                {
                    responseModel = model;
                    if (chunks && !chunkModelSet)
                    {
                        chunkModelSet = true;
                        chunkTags.Add("gen_ai.response.model", model);
                    }
                }

                if (chunks)
                {
                    var now = _time.GetTimestamp();
                    var delta = _time.GetElapsedTime(last, now).TotalSeconds;
                    (first ? _timeToFirstChunk : _timePerOutputChunk).Record(delta, chunkTags);
                    first = false;
                    last = now;
                }

                foreach (var content in update.Contents)
                {
                    if (content is UsageContent { Details: var usage })
                    {
                        inputTokens = Sum(inputTokens, usage.InputTokenCount);
                        outputTokens = Sum(outputTokens, usage.OutputTokenCount);
                    }
                }

                yield return update;
            }
        }
        finally
        {
            Ended(started, options, responseModel, inputTokens, outputTokens, error);
            if (updates is not null)
            {
                await updates.DisposeAsync();
            }
        }
    }

    private void Ended(long started, ChatOptions? options, string? responseModel, long? inputTokens, long? outputTokens, Exception? error)
    {
        if (_duration.Enabled)
        {
            var tags = default(TagList);
            AddTags(ref tags, options, responseModel);
            if (error is not null)
            {
                tags.Add("error.type", error.GetType().FullName);
            }

            _duration.Record(_time.GetElapsedTime(started).TotalSeconds, tags);
        }

        if (_tokenUsage.Enabled)
        {
            RecordTokens(inputTokens, "input", options, responseModel);
            RecordTokens(outputTokens, "output", options, responseModel);
        }

        if (error is not null)
        {
            LogOperationException(_logger, error.GetType().FullName ?? error.GetType().Name);
        }
    }

    private void RecordTokens(long? count, string type, ChatOptions? options, string? responseModel)
    {
        if (count is { } tokens)
        {
            var tags = default(TagList);
            tags.Add("gen_ai.token.type", type);
            AddTags(ref tags, options, responseModel);
            _tokenUsage.Record((int)tokens, tags);
        }
    }

    /// <summary>The attributes the library's client puts on every measurement.</summary>
    private void AddTags(ref TagList tags, ChatOptions? options, string? responseModel)
    {
        tags.Add("gen_ai.operation.name", "chat");
        if ((options?.ModelId ?? _defaultModelId) is { } requestModel)
        {
            tags.Add("gen_ai.request.model", requestModel);
        }

        tags.Add("gen_ai.provider.name", _providerName);
        if (_serverAddress is not null)
        {
            tags.Add("server.address", _serverAddress);
            tags.Add("server.port", _serverPort);
        }

        if (responseModel is not null)
        {
            tags.Add("gen_ai.response.model", responseModel);
        }
    }

    private Histogram<double> Seconds(string name, string description) =>
        _meter.CreateHistogram(name, "s", description, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static long? Sum(long? total, long? more) => more is { } value ? (total ?? 0) + value : total;

    // The library's log event for a failed call, with the exception's type only: its message can quote the upstream's
    // error text, and through it the prompt (the provider failure log keeps that text, at Debug).
    [LoggerMessage(EventName = "gen_ai.client.operation.exception", Level = LogLevel.Warning, Message = "gen_ai.client.operation.exception: {ErrorType}")]
    private static partial void LogOperationException(ILogger logger, string errorType);
}

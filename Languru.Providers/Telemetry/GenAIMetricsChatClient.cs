using System.Diagnostics;
using System.Diagnostics.Metrics;
using Languru.Providers.Chat;
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
    private readonly object? _serverPort; // boxed once: a tag value is an object

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
            : new MeasuredUpdates(this, base.GetStreamingResponseAsync(messages, options, cancellationToken), options);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _traced.Dispose();
            _meter.Dispose();
        }

        base.Dispose(disposing);
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

    /// <summary>
    /// A stream's measurements, taken as its updates pass (no async iterator of its own, see <see cref="ObservedUpdates"/>):
    /// the time to the first chunk and between chunks, with the call's attributes built once per stream; what the
    /// library reads from the whole response it rebuilds (the last model named, the usage summed); at the end, the
    /// duration, the token usage and, for a failed stream, the warning.
    /// </summary>
    private sealed class MeasuredUpdates(GenAIMetricsChatClient metrics, IAsyncEnumerable<ChatResponseUpdate> updates, ChatOptions? options)
        : ObservedUpdates(updates)
    {
        private TagList _chunkTags;
        private bool _chunks;
        private bool _chunkModelSet;
        private bool _first = true;
        private long _started;
        private long _last;
        private string? _responseModel;
        private long? _inputTokens;
        private long? _outputTokens;

        protected override void OnStarted()
        {
            _started = _last = metrics._time.GetTimestamp();
            _chunks = metrics._timeToFirstChunk.Enabled || metrics._timePerOutputChunk.Enabled;
            if (_chunks)
            {
                metrics.AddTags(ref _chunkTags, options, responseModel: null);
            }
        }

        protected override ValueTask ObserveAsync(ChatResponseUpdate update)
        {
            if (update.ModelId is { } model)
            {
                _responseModel = model;
                if (_chunks && !_chunkModelSet)
                {
                    _chunkModelSet = true;
                    _chunkTags.Add("gen_ai.response.model", model);
                }
            }

            if (_chunks)
            {
                var now = metrics._time.GetTimestamp();
                var delta = metrics._time.GetElapsedTime(_last, now).TotalSeconds;
                (_first ? metrics._timeToFirstChunk : metrics._timePerOutputChunk).Record(delta, _chunkTags);
                _first = false;
                _last = now;
            }

            var contents = update.Contents;
            for (var i = 0; i < contents.Count; i++)
            {
                if (contents[i] is UsageContent { Details: var usage })
                {
                    _inputTokens = Sum(_inputTokens, usage.InputTokenCount);
                    _outputTokens = Sum(_outputTokens, usage.OutputTokenCount);
                }
            }

            return default;
        }

        protected override void OnEnded(Exception? failure) => metrics.Ended(_started, options, _responseModel, _inputTokens, _outputTokens, failure);
    }
}

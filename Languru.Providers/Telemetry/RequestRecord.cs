using Microsoft.Extensions.AI;

namespace Languru.Providers.Telemetry;

/// <summary>
/// What serving one client request involved, filled in by whoever learns it (the router, the provider pipeline,
/// routes and fallbacks, access control) and read once when the request ends, for its log line and metrics.
/// The host starts one per request and makes it <see cref="Current"/>; code outside a request sees null and
/// records nothing. Safe to fill from the concurrent calls of one request (<c>n</c> &gt; 1). Never holds content.
/// </summary>
public sealed class RequestRecord
{
    private static readonly AsyncLocal<RequestRecord?> Ambient = new();

    private readonly Lock _lock = new();
    private int _retries;
    private int _fallbacks;
    private long _inputTokens;
    private long _outputTokens;
    private long _firstTokenTimestamp;
    private string? _failedTargets;

    /// <summary>The record of the request being served on this async flow, if any.</summary>
    public static RequestRecord? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>The name of the API key the caller used (set by access control); null when the gateway is open.</summary>
    public string? KeyName { get; set; }

    /// <summary>The configured route or alias the model name went through, if any.</summary>
    public string? Route { get; set; }

    /// <summary>The model name the client asked for, once it routed to a provider.</summary>
    public string? RequestedModel { get; set; }

    /// <summary>The provider the route picked first.</summary>
    public string? RequestedProvider { get; set; }

    /// <summary>The provider that answered.</summary>
    public string? Provider { get; private set; }

    /// <summary>The upstream model that answered, as the upstream names it.</summary>
    public string? Model { get; private set; }

    /// <summary>Whether the answer is a stream.</summary>
    public bool Stream { get; set; }

    /// <summary>Whether the gateway's own rate limiter refused the request (set by access control).</summary>
    public bool RateLimited { get; set; }

    /// <summary>The status sent in an error event after a stream started (the HTTP status then says 200).</summary>
    public int? StreamErrorStatus { get; set; }

    /// <summary>Calls retried on the same target.</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>Times the request moved to another target or fallback.</summary>
    public int Fallbacks => Volatile.Read(ref _fallbacks);

    /// <summary>The targets that failed before one answered, comma-separated, in order; null when none did.</summary>
    public string? FailedTargets
    {
        get
        {
            lock (_lock)
            {
                return _failedTargets;
            }
        }
    }

    /// <summary>Input (prompt) tokens of every provider call, as the upstreams reported them.</summary>
    public long InputTokens => Interlocked.Read(ref _inputTokens);

    /// <summary>Output (completion) tokens of every provider call, as the upstreams reported them.</summary>
    public long OutputTokens => Interlocked.Read(ref _outputTokens);

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> of the first answer token; 0 until one arrived.</summary>
    public long FirstTokenTimestamp => Interlocked.Read(ref _firstTokenTimestamp);

    /// <summary>Counts a retry of a call on the same target.</summary>
    public void AddRetry() => Interlocked.Increment(ref _retries);

    /// <summary>Counts a move to the next target or fallback, after <paramref name="failedTarget"/> failed.</summary>
    /// <param name="failedTarget">The target that failed, e.g. <c>vllm-a/llama-3.1-8b</c>.</param>
    public void AddFallback(string failedTarget)
    {
        Interlocked.Increment(ref _fallbacks);
        lock (_lock)
        {
            _failedTargets = _failedTargets is null ? failedTarget : $"{_failedTargets},{failedTarget}";
        }
    }

    /// <summary>Records who answered (the first answer of the request wins).</summary>
    /// <param name="provider">The provider's configured name.</param>
    /// <param name="model">The upstream model that answered.</param>
    public void Answered(string provider, string? model)
    {
        lock (_lock)
        {
            Provider ??= provider;
            Model ??= model;
        }
    }

    /// <summary>Adds a call's token usage.</summary>
    /// <param name="usage">The usage the upstream reported.</param>
    public void AddUsage(UsageDetails? usage)
    {
        if (usage is null)
        {
            return;
        }

        Interlocked.Add(ref _inputTokens, usage.InputTokenCount ?? 0);
        Interlocked.Add(ref _outputTokens, usage.OutputTokenCount ?? 0);
    }

    /// <summary>Notes when the first answer token arrived (later calls keep the first).</summary>
    /// <param name="timestamp">A <see cref="TimeProvider.GetTimestamp"/> value.</param>
    public void FirstToken(long timestamp) => Interlocked.CompareExchange(ref _firstTokenTimestamp, timestamp, 0);
}

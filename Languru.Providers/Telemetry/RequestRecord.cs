using Languru.Providers.Resilience;
using Microsoft.Extensions.AI;

namespace Languru.Providers.Telemetry;

/// <summary>
/// What serving one client request involved, filled in by whoever learns it (the router, the provider pipeline,
/// access control; retries and fail-overs come from the route's <see cref="RouteOutcome"/>) and read once when the
/// request ends, for its log line and metrics.
/// The host starts one per request and makes it <see cref="Current"/>; code outside a request sees null and
/// records nothing. Safe to fill from the concurrent calls of one request (<c>n</c> &gt; 1). Never holds content.
/// </summary>
public sealed class RequestRecord
{
    private static readonly AsyncLocal<RequestRecord?> Ambient = new();

    private readonly Lock _lock = new();
    private long _inputTokens;
    private long _outputTokens;
    private long _firstTokenTimestamp;

    /// <summary>The record of the request being served on this async flow, if any.</summary>
    public static RequestRecord? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>The name of the API key the caller used (set by access control); null when the gateway is open.</summary>
    public string? KeyName { get; set; }

    /// <summary>The route (<c>Languru:Routes</c>) or alias the model name went through, if any.</summary>
    public string? Route { get; private set; }

    /// <summary>The model name the client asked for, once it routed to a provider.</summary>
    public string? RequestedModel { get; private set; }

    /// <summary>The provider the route picked first.</summary>
    public string? RequestedProvider { get; private set; }

    /// <summary>The route's outcome: who answered, retries, fail-overs; null until the model routed.</summary>
    public RouteOutcome? Outcome { get; private set; }

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
    public int Retries => Outcome?.Retries ?? 0;

    /// <summary>Times the request moved to another target or fallback.</summary>
    public int Fallbacks => Outcome?.Failovers ?? 0;

    /// <summary>The targets that failed before one answered, with why; null when none did.</summary>
    public string? FailedTargets => Outcome is { Failures.Count: > 0 } outcome ? outcome.FailureList : null;

    /// <summary>Input (prompt) tokens of every provider call, as the upstreams reported them.</summary>
    public long InputTokens => Interlocked.Read(ref _inputTokens);

    /// <summary>Output (completion) tokens of every provider call, as the upstreams reported them.</summary>
    public long OutputTokens => Interlocked.Read(ref _outputTokens);

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> of the first answer token; 0 until one arrived.</summary>
    public long FirstTokenTimestamp => Interlocked.Read(ref _firstTokenTimestamp);

    /// <summary>Notes where the model name routed (the router calls it).</summary>
    /// <param name="outcome">The route's outcome, filled in as its calls go.</param>
    /// <param name="firstProvider">The provider tried first.</param>
    /// <param name="isAlias">Whether the name the client sent is an alias.</param>
    public void Routed(RouteOutcome outcome, string firstProvider, bool isAlias)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Outcome = outcome;
        RequestedModel = outcome.Model;
        RequestedProvider = firstProvider;
        Route = outcome.Route ?? (isAlias ? outcome.Model : null);
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

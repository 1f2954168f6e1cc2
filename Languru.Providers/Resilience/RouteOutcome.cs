namespace Languru.Providers.Resilience;

/// <summary>
/// What happened while one request was routed: who answered, which targets failed first, how many retries and
/// fail-overs it took. Filled in by the route's client as calls go (several at once for <c>n</c> &gt; 1), read by the
/// API (the <c>x-languru-provider</c> and <c>x-languru-model</c> headers) and by telemetry (it is an
/// <c>HttpContext</c> feature). Never holds content.
/// </summary>
public sealed class RouteOutcome
{
    private readonly Lock _lock = new();
    private readonly List<TargetFailure> _failures = [];

    /// <summary>Creates the outcome of one request.</summary>
    /// <param name="model">The model name the client sent.</param>
    /// <param name="route">The route's name, when the name is a route (<c>Languru:Routes</c>).</param>
    public RouteOutcome(string model, string? route)
    {
        Model = model;
        Route = route;
    }

    /// <summary>The model name the client sent (the response's <c>model</c>).</summary>
    public string Model { get; }

    /// <summary>The route's name when the model is a route; null for a model or alias.</summary>
    public string? Route { get; }

    /// <summary>The provider that answered (its first answer, with <c>n</c> &gt; 1); null until one did.</summary>
    public string? Provider { get; private set; }

    /// <summary>The upstream model id that answered; null until one did.</summary>
    public string? UpstreamModel { get; private set; }

    /// <summary>Whether the answer came from one of the route's <c>Fallbacks</c> rather than its <c>Targets</c>.</summary>
    public bool AnsweredByFallback { get; private set; }

    /// <summary>Calls repeated on the same target.</summary>
    public int Retries { get; private set; }

    /// <summary>Moves to another target (the next target or a fallback) after one failed.</summary>
    public int Failovers { get; private set; }

    /// <summary>The targets that failed, in order.</summary>
    public IReadOnlyList<TargetFailure> Failures
    {
        get
        {
            lock (_lock)
            {
                return [.. _failures];
            }
        }
    }

    /// <summary>The failed targets as one line, for logs: <c>vllm-a/llama (Unavailable), vllm-b/llama (Timeout)</c>.</summary>
    public string FailureList => string.Join(", ", Failures);

    internal bool HasFailures
    {
        get
        {
            lock (_lock)
            {
                return _failures.Count > 0;
            }
        }
    }

    internal void Answered(string provider, string model, bool byFallback)
    {
        lock (_lock)
        {
            if (Provider is null)
            {
                Provider = provider;
                UpstreamModel = model;
                AnsweredByFallback = byFallback;
            }
        }
    }

    internal void Retried()
    {
        lock (_lock)
        {
            Retries++;
        }
    }

    internal void Failed(TargetFailure failure, bool movingOn)
    {
        lock (_lock)
        {
            _failures.Add(failure);
            if (movingOn)
            {
                Failovers++;
            }
        }
    }
}

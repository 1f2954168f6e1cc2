namespace Languru.Providers.Chat;

/// <summary>
/// The deadlines of an upstream call, linked to the caller's token. A stream's first chunk must come within the time
/// to first token, each later chunk within the idle time-out of the one before, and the whole call must end within
/// the total time-out; a whole answer has only the total. Only time spent waiting on the upstream counts towards
/// the first-token and idle deadlines: providers read through <see cref="NextAsync{T}"/>, which starts the first-token
/// or idle deadline only when a read has to wait (a chunk the reader has already buffered arms no timer), and call
/// <see cref="ChunkArrived"/> after each read, so a slow client (which holds the provider at its <c>yield</c>) never
/// makes the upstream look idle.
/// </summary>
internal sealed class UpstreamDeadline : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly TimeSpan _firstToken;
    private readonly TimeSpan _idle;
    private readonly TimeSpan _total;
    private readonly long _started = Environment.TickCount64;
    private bool _receivedAny;
    private bool _waiting;
    private Limit _armed = Limit.Total;

    private UpstreamDeadline(TimeSpan firstToken, TimeSpan idle, TimeSpan total, CancellationToken caller)
    {
        _firstToken = firstToken;
        _idle = idle;
        _total = total;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(caller);
        _cancel.CancelAfter(total);
    }

    private enum Limit
    {
        FirstToken,
        Idle,
        Total,
    }

    public CancellationToken Token => _cancel.Token;

    /// <summary>Deadlines for a stream: read through <see cref="NextAsync{T}"/>, and call <see cref="ChunkArrived"/> after each read.</summary>
    public static UpstreamDeadline ForStream(TimeSpan firstToken, TimeSpan idle, TimeSpan total, CancellationToken caller) => new(firstToken, idle, total, caller);

    /// <summary>The total deadline only.</summary>
    public static UpstreamDeadline ForWholeAnswer(TimeSpan total, CancellationToken caller) => new(total, total, total, caller);

    /// <summary>
    /// The provider waits for the upstream (before opening a stream, or when a read did not complete at once): the
    /// first-token or idle deadline runs (capped by the total). A wait that is already running keeps its deadline, so
    /// the time to first token covers opening the stream and reading its first chunk together.
    /// </summary>
    public void AwaitingChunk()
    {
        if (!_waiting)
        {
            _waiting = true;
            Arm(_receivedAny ? Limit.Idle : Limit.FirstToken);
        }
    }

    /// <summary>
    /// The next read of a stream: the first-token or idle deadline runs only if the read has to wait for the upstream,
    /// so the chunks of one upstream read (the usual case under load) cost no timer changes.
    /// </summary>
    public ValueTask<bool> NextAsync<T>(IAsyncEnumerator<T> items)
    {
        var next = items.MoveNextAsync();
        if (!next.IsCompleted)
        {
            AwaitingChunk();
        }

        return next;
    }

    /// <summary>A chunk arrived: until the next wait, only the total deadline runs.</summary>
    public void ChunkArrived()
    {
        _receivedAny = true;
        if (_waiting)
        {
            _waiting = false;
            Arm(Limit.Total);
        }
    }

    /// <summary>The 504 for a cancellation that came from these deadlines, naming the setting that ran out.</summary>
    /// <param name="upstream">How to name the upstream in the message, e.g. "The upstream 'openai'".</param>
    /// <param name="provider">The provider's configured name.</param>
    /// <param name="cause">The cancellation.</param>
    public ChatProviderException TimedOut(string upstream, string provider, Exception cause) => new(ChatProviderErrorKind.Timeout, _armed switch
    {
        Limit.FirstToken => $"{upstream} sent no first token within {_firstToken} (Languru:Providers:{provider}:TimeToFirstToken).",
        Limit.Idle => $"{upstream} sent nothing for {_idle} in the middle of the stream (Languru:Providers:{provider}:IdleTimeout).",
        _ => $"{upstream} did not finish within {_total} (Languru:Providers:{provider}:Timeout).",
    }, cause)
    {
        Provider = provider,
    };

    public void Dispose() => _cancel.Dispose();

    private void Arm(Limit limit)
    {
        if (_cancel.IsCancellationRequested)
        {
            return; // keep the limit that fired
        }

        var left = _total - TimeSpan.FromMilliseconds(Environment.TickCount64 - _started);
        var wanted = limit switch { Limit.FirstToken => _firstToken, Limit.Idle => _idle, _ => left };
        _armed = wanted < left ? limit : Limit.Total;
        _cancel.CancelAfter(_armed == Limit.Total ? (left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1)) : wanted);
    }
}

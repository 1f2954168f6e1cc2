namespace Languru.Providers.Chat;

/// <summary>
/// The two deadlines of an upstream call, linked to the caller's token: the first chunk must come within the time to
/// first token, and the whole call must end within the total time-out. Providers call <see cref="FirstTokenArrived"/>
/// when a stream starts; a whole answer has only the total time-out.
/// </summary>
internal sealed class UpstreamDeadline : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly TimeSpan _firstToken;
    private readonly TimeSpan _total;
    private readonly long _started = Environment.TickCount64;

    private UpstreamDeadline(TimeSpan firstToken, TimeSpan total, bool waitForFirstToken, CancellationToken caller)
    {
        _firstToken = firstToken;
        _total = total;
        WaitingForFirstToken = waitForFirstToken;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(caller);
        _cancel.CancelAfter(waitForFirstToken && firstToken < total ? firstToken : total);
    }

    public CancellationToken Token => _cancel.Token;

    public bool WaitingForFirstToken { get; private set; }

    public static UpstreamDeadline ForStream(TimeSpan firstToken, TimeSpan total, CancellationToken caller) => new(firstToken, total, true, caller);

    public static UpstreamDeadline ForWholeAnswer(TimeSpan total, CancellationToken caller) => new(total, total, false, caller);

    public void FirstTokenArrived()
    {
        if (WaitingForFirstToken)
        {
            WaitingForFirstToken = false;
            var left = _total - TimeSpan.FromMilliseconds(Environment.TickCount64 - _started);
            _cancel.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
        }
    }

    /// <summary>The 504 for a cancellation that came from this deadline, naming the setting that ran out.</summary>
    /// <param name="upstream">How to name the upstream in the message, e.g. "The upstream 'openai'".</param>
    /// <param name="provider">The provider's configured name.</param>
    /// <param name="cause">The cancellation.</param>
    public ChatProviderException TimedOut(string upstream, string provider, Exception cause) => WaitingForFirstToken
        ? new(ChatProviderErrorKind.Timeout, $"{upstream} sent no first token within {_firstToken} (Languru:Providers:{provider}:TimeToFirstToken).", cause)
        : new(ChatProviderErrorKind.Timeout, $"{upstream} did not finish within {_total} (Languru:Providers:{provider}:Timeout).", cause);

    public void Dispose() => _cancel.Dispose();
}

using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Languru.Providers.Chat;

/// <summary>
/// A stream of updates passed on unchanged while a middleware watches them: each update, before it is passed on
/// (<see cref="ObserveAsync"/>), and the end of the stream (<see cref="OnEnded"/>). It is its own enumerator and
/// has no async iterator: an update that is ready, and whose observation completes at once, is handed on
/// synchronously, without an async state machine step per update and layer. An observation that must finish
/// before the update goes on (a report to a remote store) returns an incomplete task, and is awaited.
/// Enumerated once, like the provider call it wraps.
/// </summary>
public abstract class ObservedUpdates : IAsyncEnumerable<ChatResponseUpdate>, IAsyncEnumerator<ChatResponseUpdate>
{
    private readonly IAsyncEnumerable<ChatResponseUpdate> _updates;
    private IAsyncEnumerator<ChatResponseUpdate>? _inner;
    private bool _started;
    private bool _ended;

    /// <param name="updates">The stream to watch.</param>
    protected ObservedUpdates(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        _updates = updates;
    }

    /// <inheritdoc />
    public ChatResponseUpdate Current => _inner!.Current;

    /// <inheritdoc />
    public IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (_inner is not null)
        {
            throw new InvalidOperationException("An observed stream of updates is enumerated once.");
        }

        _inner = _updates.GetAsyncEnumerator(cancellationToken);
        return this;
    }

    /// <inheritdoc />
    public ValueTask<bool> MoveNextAsync()
    {
        if (_inner is null)
        {
            throw new InvalidOperationException("Call GetAsyncEnumerator first.");
        }

        if (!_started)
        {
            _started = true;
            OnStarted();
        }

        ValueTask<bool> next;
        try
        {
            next = _inner.MoveNextAsync();
            if (!next.IsCompleted)
            {
                return NextAsync(next);
            }

            if (!next.GetAwaiter().GetResult())
            {
                End(null);
                return new ValueTask<bool>(false);
            }
        }
        catch (Exception ex)
        {
            End(ex);
            throw;
        }

        return Observe();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_inner is not { } inner)
        {
            return;
        }

        if (_started)
        {
            // Stopped early (the consumer left), or already ended: then this does nothing.
            End(null);
        }

        await inner.DisposeAsync();
    }

    /// <summary>Called once, when the first update is asked for.</summary>
    protected virtual void OnStarted()
    {
    }

    /// <summary>Watches one update before it is passed on; the update goes on once the returned task completes.</summary>
    /// <param name="update">The update.</param>
    /// <returns>Completed, unless the observation must finish before the update is passed on.</returns>
    protected abstract ValueTask ObserveAsync(ChatResponseUpdate update);

    /// <summary>
    /// Called once, when a started stream ends: after its last update, when the stream or an observation failed (with
    /// the failure, before it reaches the consumer), or when the consumer stopped early (at its dispose, without failure).
    /// </summary>
    /// <param name="failure">What the stream failed with, or null.</param>
    protected virtual void OnEnded(Exception? failure)
    {
    }

    private void End(Exception? error)
    {
        if (!_ended)
        {
            _ended = true;
            OnEnded(error);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> NextAsync(ValueTask<bool> next)
    {
        try
        {
            if (!await next)
            {
                End(null);
                return false;
            }
        }
        catch (Exception ex)
        {
            End(ex);
            throw;
        }

        return await Observe();
    }

    /// <summary>Observes the current update; a failed observation ends the stream with its failure.</summary>
    private ValueTask<bool> Observe()
    {
        ValueTask observed;
        try
        {
            observed = ObserveAsync(_inner!.Current);
        }
        catch (Exception ex)
        {
            End(ex);
            throw;
        }

        return observed.IsCompletedSuccessfully ? new ValueTask<bool>(true) : ObservedAsync(observed);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ObservedAsync(ValueTask observed)
    {
        try
        {
            await observed;
        }
        catch (Exception ex)
        {
            End(ex);
            throw;
        }

        return true;
    }
}

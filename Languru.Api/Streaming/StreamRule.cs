using System.Runtime.CompilerServices;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Api.Streaming;

/// <summary>
/// The stream rule, for every endpoint that streams (chat completions, Responses, and whatever comes next): a client
/// sees a complete answer or an error, never a silently cut one. A provider's update stream counts as complete only
/// when it delivered a finish reason; one that ends without (a connection closed cleanly mid-answer, a body that was
/// not a stream at all) is a <see cref="ChatProviderException"/> of kind <see cref="ChatProviderErrorKind.UpstreamError"/>.
/// Thrown before the first event, it is an ordinary <c>502</c>; after it, the SSE writer turns it into one
/// <c>data: {"error":…}</c> event and never writes the success terminator (<c>[DONE]</c>). Wrap every provider stream
/// in <see cref="RequireFinish"/>: with <c>n</c> choices each choice's stream is wrapped, so the terminator is only
/// written once every choice finished.
/// </summary>
internal static class StreamRule
{
    /// <summary>Passes <paramref name="updates"/> through, and throws at their end if none carried a finish reason.</summary>
    /// <param name="updates">One choice's updates, as the provider streams them.</param>
    /// <param name="client">The provider's client, to name it in the error.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The same updates.</returns>
    public static IAsyncEnumerable<ChatResponseUpdate> RequireFinish(
        IAsyncEnumerable<ChatResponseUpdate> updates, IChatClient client, CancellationToken cancellationToken) =>
        RequireFinish(updates, client, static update => update, cancellationToken);

    /// <summary>
    /// As <see cref="RequireFinish(IAsyncEnumerable{ChatResponseUpdate}, IChatClient, CancellationToken)"/>, each update
    /// passed on as <paramref name="select"/> makes it (one async layer per chunk fewer than a wrapper around it).
    /// </summary>
    /// <typeparam name="T">What each update is passed on as.</typeparam>
    /// <param name="updates">One choice's updates, as the provider streams them.</param>
    /// <param name="client">The provider's client, to name it in the error.</param>
    /// <param name="select">Makes what is passed on of an update.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The updates, selected.</returns>
    public static IAsyncEnumerable<T> RequireFinish<T>(
        IAsyncEnumerable<ChatResponseUpdate> updates, IChatClient client, Func<ChatResponseUpdate, T> select, CancellationToken cancellationToken) =>
        new FinishRequired<T>(updates, client, select, cancellationToken);

    /// <summary>The failure of a stream that ended before its answer finished.</summary>
    /// <param name="client">The provider's client, to name it.</param>
    /// <returns>The exception to throw.</returns>
    public static ChatProviderException Unfinished(IChatClient client)
    {
        var provider = client.GetService<ChatClientMetadata>()?.ProviderName;
        return new ChatProviderException(
            ChatProviderErrorKind.UpstreamError,
            $"The provider{(provider is null ? "" : $" '{provider}'")} ended the stream before the answer finished (no finish_reason); the answer is incomplete.")
        {
            Provider = provider,
        };
    }

    /// <summary>
    /// The rule as a pass-through of its own, without an async iterator: an update that is ready is checked, selected
    /// and handed on synchronously. Enumerated once, like the provider call it wraps.
    /// </summary>
    private sealed class FinishRequired<T>(IAsyncEnumerable<ChatResponseUpdate> updates, IChatClient client, Func<ChatResponseUpdate, T> select, CancellationToken callCancellation)
        : IAsyncEnumerable<T>, IAsyncEnumerator<T>
    {
        private IAsyncEnumerator<ChatResponseUpdate>? _updates;
        private bool _finished;
        private bool _ended;

        public T Current { get; private set; } = default!;

        public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            if (_updates is not null)
            {
                throw new InvalidOperationException("A provider stream is enumerated once.");
            }

            _updates = updates.GetAsyncEnumerator(cancellationToken.CanBeCanceled ? cancellationToken : callCancellation);
            return this;
        }

        public ValueTask<bool> MoveNextAsync()
        {
            if (_ended)
            {
                return new ValueTask<bool>(false);
            }

            var next = AsyncEnumerators.Next(_updates!);

            return next.IsCompletedSuccessfully ? Moved(next.Result) : NextAsync(next);
        }

        public ValueTask DisposeAsync() => _updates?.DisposeAsync() ?? default;

        private ValueTask<bool> Moved(bool more)
        {
            if (more)
            {
                var update = _updates!.Current;
                _finished |= update.FinishReason is not null;
                Current = select(update);
                return new ValueTask<bool>(true);
            }

            _ended = true;
            return _finished ? new ValueTask<bool>(false) : ValueTask.FromException<bool>(Unfinished(client));
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<bool> NextAsync(ValueTask<bool> next)
        {
            bool more;
            try
            {
                more = await next;
            }
            catch
            {
                _ended = true;
                throw;
            }

            return await Moved(more);
        }
    }
}

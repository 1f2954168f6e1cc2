using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Languru.Api.Streaming;
using Microsoft.Extensions.AI;

namespace Languru.Api.Completions;

/// <summary>
/// Serves <c>n</c> choices. Microsoft.Extensions.AI has no notion of choices (and neither have Ollama or the OpenAI
/// .NET SDK), so <c>n &gt; 1</c> makes <c>n</c> concurrent provider calls, each one choice. The first failure cancels
/// the other calls and is what the caller sees. Each choice's stream is held to <see cref="StreamRule"/>: one that ends
/// without a finish reason fails the whole stream.
/// </summary>
internal static class ChoiceFanOut
{
    public static async Task<IReadOnlyList<ChatResponse>> GetResponsesAsync(
        IChatClient client, IReadOnlyList<ChatMessage> messages, ChatOptions options, int n, CancellationToken cancellationToken)
    {
        if (n == 1)
        {
            return [await client.GetResponseAsync(messages, options, cancellationToken)];
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? firstFailure = null;
        var calls = Enumerable.Range(0, n).Select(_ => CallAsync()).ToArray();
        try
        {
            return await Task.WhenAll(calls);
        }
        catch when (firstFailure is not null)
        {
            // The other calls fail with the cancellation we caused; report the cause.
            ExceptionDispatchInfo.Throw(firstFailure);
            throw;
        }

        async Task<ChatResponse> CallAsync()
        {
            try
            {
                return await client.GetResponseAsync(messages, options, cancel.Token);
            }
            catch (Exception ex) when (!cancel.IsCancellationRequested)
            {
                Interlocked.CompareExchange(ref firstFailure, ex, null);
                await cancel.CancelAsync();
                throw;
            }
        }
    }

    public static IAsyncEnumerable<ChoiceUpdate> StreamAsync(
        IChatClient client, IReadOnlyList<ChatMessage> messages, ChatOptions options, int n, CancellationToken cancellationToken) =>
        n == 1
            ? StreamRule.RequireFinish(client.GetStreamingResponseAsync(messages, options, cancellationToken), client, static update => new ChoiceUpdate(0, update), cancellationToken)
            : MergeAsync(client, messages, options, n, cancellationToken);

    private static async IAsyncEnumerable<ChoiceUpdate> MergeAsync(
        IChatClient client, IReadOnlyList<ChatMessage> messages, ChatOptions options, int n, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Bounded, so that a slow client slows the upstream reads instead of buffering without limit.
        var channel = Channel.CreateBounded<ChoiceUpdate>(new BoundedChannelOptions(4 * n) { SingleReader = true });
        var running = n;
        var producers = Enumerable.Range(0, n).Select(ProduceAsync).ToArray();
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            await cancel.CancelAsync();

            // Producers report their failures through the channel; here they only need to have stopped.
            await Task.WhenAll(producers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        async Task ProduceAsync(int index)
        {
            try
            {
                await foreach (var update in StreamRule.RequireFinish(client.GetStreamingResponseAsync(messages, options, cancel.Token), client, cancel.Token))
                {
                    await channel.Writer.WriteAsync(new ChoiceUpdate(index, update), cancel.Token);
                }

                if (Interlocked.Decrement(ref running) == 0)
                {
                    channel.Writer.TryComplete();
                }
            }
            catch (Exception ex)
            {
                // The first failure completes the channel; later ones (the cancellations it causes) are no-ops.
                channel.Writer.TryComplete(ex);
                await cancel.CancelAsync();
            }
        }
    }
}

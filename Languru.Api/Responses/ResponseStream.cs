using System.Runtime.CompilerServices;
using Languru.Contracts.Responses;
using Microsoft.Extensions.AI;

namespace Languru.Api.Responses;

/// <summary>
/// The events of a streamed response. <c>response.created</c> waits for the provider's first update, so that a
/// provider that fails at once is still an ordinary HTTP error. The response is stored (when asked) before its
/// terminal event goes out, so a client can fetch it as soon as it has read that event. The updates come through
/// <see cref="Completions.ChoiceFanOut"/>, which holds them to <see cref="Streaming.StreamRule"/>: a provider stream
/// that ends without a finish reason fails, so it ends with <c>response.failed</c>, never <c>response.completed</c>.
/// </summary>
internal static class ResponseStream
{
    public static async IAsyncEnumerable<ResponseStreamEvent> EventsAsync(
        IAsyncEnumerable<ChatResponseUpdate> updates,
        ResponseBuilder builder,
        Func<ResponseObject, CancellationToken, Task> onFinished,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var enumerator = updates.GetAsyncEnumerator(cancellationToken);
        var more = await enumerator.MoveNextAsync();
        foreach (var e in builder.Start())
        {
            yield return e;
        }

        for (; more; more = await enumerator.MoveNextAsync())
        {
            foreach (var e in builder.Add(enumerator.Current))
            {
                yield return e;
            }
        }

        var last = builder.Finish();
        await onFinished(builder.Response, cancellationToken);
        foreach (var e in last)
        {
            yield return e;
        }
    }
}

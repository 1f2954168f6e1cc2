using System.Runtime.CompilerServices;
using Languru.Contracts.Responses;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Api.Responses;

/// <summary>
/// The events of a streamed response. <c>response.created</c> waits for the provider's first update, so that a
/// provider that fails at once is still an ordinary HTTP error. The response is stored (when asked) before its
/// terminal event goes out, so a client can fetch it as soon as it has read that event.
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

        if (!builder.Finished)
        {
            // A stream that ends without saying how it ended may have been cut: never report it as complete.
            throw new ChatProviderException(ChatProviderErrorKind.UpstreamError, "The provider's stream ended before the answer was finished.");
        }

        var last = builder.Finish();
        await onFinished(builder.Response, cancellationToken);
        foreach (var e in last)
        {
            yield return e;
        }
    }
}

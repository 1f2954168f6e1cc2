using Languru.Api.Errors;
using Languru.Api.Hosting;
using Languru.Api.Mapping;
using Languru.Contracts.Chat;
using Languru.Contracts.Errors;

namespace Languru.Api.Streaming;

/// <summary>
/// A streamed chat completion: one <c>data: {chunk}\n\n</c> per chunk, then <c>data: [DONE]\n\n</c>. A failure after
/// the start becomes a <c>data: {"error":{…}}</c> event and ends the stream (see <see cref="EventStreamResult{T}"/>).
/// </summary>
internal sealed class ChatCompletionStreamResult : EventStreamResult<ChatChunkEvent>
{
    private ChatCompletionStreamResult()
    {
    }

    /// <summary>Starts the enumeration and waits for the first chunk (or the first failure, which is thrown).</summary>
    public static Task<ChatCompletionStreamResult> StartAsync(IAsyncEnumerable<ChatChunkEvent> chunks, CancellationToken cancellationToken) =>
        StartAsync(chunks, new ChatCompletionStreamResult(), cancellationToken);

    protected override void WriteEvent(EventWriter writer, ChatChunkEvent item)
    {
        if (item.Upstream.IsEmpty)
        {
            writer.Write(null, item.Chunk, WireJson.TypeInfo<ChatCompletionChunk>());
        }
        else
        {
            // The upstream's chunk, rewritten: what the gateway does not model reaches the client as sent.
            WireChunkWriter.Write(writer.StartData(), item.Chunk, item.Upstream.Span);
            writer.EndData();
        }
    }

    protected override void WriteEnd(EventWriter writer) => writer.WriteRaw("data: [DONE]\n\n"u8);

    protected override void WriteFailure(EventWriter writer, ApiError error) =>
        writer.Write(null, error.ToResponse(), WireJson.TypeInfo<ErrorResponse>());
}

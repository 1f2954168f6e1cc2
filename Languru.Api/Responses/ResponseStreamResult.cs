using Languru.Api.Errors;
using Languru.Api.Hosting;
using Languru.Api.Streaming;
using Languru.Contracts.Responses;

namespace Languru.Api.Responses;

/// <summary>
/// A streamed response: <c>event: {type}</c> and <c>data: {json}</c> per event, nothing after the last one (the
/// Responses API has no <c>[DONE]</c>). A failure after the start ends the stream with <c>response.failed</c>,
/// carrying what was produced so far (see <see cref="EventStreamResult{T}"/> for the mechanics).
/// </summary>
internal sealed class ResponseStreamResult : EventStreamResult<ResponseStreamEvent>
{
    private readonly ResponseBuilder _builder;

    private ResponseStreamResult(ResponseBuilder builder)
    {
        _builder = builder;
    }

    /// <summary>Starts the enumeration and waits for the first event (or the first failure, which is thrown).</summary>
    public static Task<ResponseStreamResult> StartAsync(IAsyncEnumerable<ResponseStreamEvent> events, ResponseBuilder builder, CancellationToken cancellationToken) =>
        StartAsync(events, new ResponseStreamResult(builder), cancellationToken);

    protected override void WriteEvent(EventWriter writer, ResponseStreamEvent item) =>
        writer.Write(item.Type, item, WireJson.TypeInfo<ResponseStreamEvent>());

    protected override void WriteEnd(EventWriter writer)
    {
    }

    protected override void WriteFailure(EventWriter writer, ApiError error) => WriteEvent(writer, _builder.Fail(error));
}

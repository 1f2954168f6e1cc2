using System.ClientModel.Primitives;

namespace Languru.Providers.OpenAI;

/// <summary>
/// Makes OpenAI-compatible servers' answers readable by the OpenAI SDK, whose parser throws on any
/// <c>finish_reason</c> outside OpenAI's five values (TGI sends <c>eos_token</c>, vLLM <c>abort</c>, some servers
/// <c>null</c> in whole answers). Those values are rewritten before the SDK parses them (<see cref="OpenAIWireRewriter"/>),
/// and an <c>error</c> event inside a stream, which the SDK would skip, is raised as an <see cref="UpstreamStreamException"/>.
/// </summary>
internal sealed class FinishReasonCompatibilityPolicy : PipelinePolicy
{
    private const int MaxBodyStart = 2048;

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ProcessNext(message, pipeline, currentIndex);
        if (NonStreamMediaType(message) is { } mediaType)
        {
            var start = new byte[MaxBodyStart];
            var length = 0;
            for (int read; length < start.Length && (read = message.Response!.ContentStream!.Read(start, length, start.Length - length)) > 0;)
            {
                length += read;
            }

            throw Refuse(message, mediaType, start.AsSpan(0, length));
        }

        Rewrite(message);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        await ProcessNextAsync(message, pipeline, currentIndex);
        if (NonStreamMediaType(message) is { } mediaType)
        {
            var start = new byte[MaxBodyStart];
            var length = 0;
            for (int read; length < start.Length && (read = await message.Response!.ContentStream!.ReadAsync(start.AsMemory(length), message.CancellationToken)) > 0;)
            {
                length += read;
            }

            throw Refuse(message, mediaType, start.AsSpan(0, length));
        }

        Rewrite(message);
    }

    /// <summary>
    /// The media type of a stream request's answer that says it is something else (<c>text/html</c> from a proxy,
    /// <c>application/json</c>): it fails before the SDK reads it, which would find no events and end quietly. A missing
    /// content type, and the generic <c>text/plain</c> and <c>application/octet-stream</c> some servers send, are left to
    /// the body: a stream without events fails too (<see cref="OpenAIErrors.Unfinished"/>).
    /// </summary>
    private static string? NonStreamMediaType(PipelineMessage message)
    {
        if (message.BufferResponse || message.Response is not { IsError: false, ContentStream: not null } response ||
            !response.Headers.TryGetValue("Content-Type", out var contentType) || string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var mediaType = contentType.Split(';')[0].Trim();
        return NotAStreamException.Refuses(mediaType) ? mediaType : null;
    }

    /// <summary>The failure for a body that is not a stream; its start is kept for the debug log only.</summary>
    private static NotAStreamException Refuse(PipelineMessage message, string mediaType, ReadOnlySpan<byte> bodyStart)
    {
        message.Response!.Dispose();
        return new NotAStreamException(mediaType, System.Text.Encoding.UTF8.GetString(bodyStart));
    }

    private static void Rewrite(PipelineMessage message)
    {
        if (message.Response is not { IsError: false } response || response.ContentStream is null)
        {
            return;
        }

        if (message.BufferResponse)
        {
            var content = response.Content;
            var rewritten = OpenAIWireRewriter.RewriteWholeAnswer(content.ToMemory());
            if (rewritten is not null)
            {
                response.ContentStream = new MemoryStream(rewritten, writable: false);
                response.BufferContent();
            }
        }
        else
        {
            response.ContentStream = new LineRewritingStream(response.ContentStream, OpenAIWireRewriter.RewriteStreamLine);
        }
    }
}

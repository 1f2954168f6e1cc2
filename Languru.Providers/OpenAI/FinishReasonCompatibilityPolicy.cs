using System.ClientModel.Primitives;

namespace Languru.Providers.OpenAI;

/// <summary>
/// Makes OpenAI-compatible servers' answers readable by the OpenAI SDK, whose parser throws on any
/// <c>finish_reason</c> outside OpenAI's five values (TGI sends <c>eos_token</c>, vLLM <c>abort</c>, some servers
/// <c>null</c> in whole answers). Those values are rewritten before the SDK parses them (<see cref="OpenAIWireRewriter"/>),
/// and an <c>error</c> event inside a stream, which the SDK would skip, is raised as an <see cref="UpstreamStreamException"/>.
/// Only chat completions are looked at: embeddings and model lists carry no finish reasons and pass as sent.
/// </summary>
internal sealed class FinishReasonCompatibilityPolicy : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ProcessNext(message, pipeline, currentIndex);
        if (NonStreamMediaType(message) is { } mediaType)
        {
            using var response = message.Response!;
            throw NotAStreamException.Read(mediaType, response.ContentStream!);
        }

        Rewrite(message);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        await ProcessNextAsync(message, pipeline, currentIndex);
        if (NonStreamMediaType(message) is { } mediaType)
        {
            using var response = message.Response!;
            throw await NotAStreamException.ReadAsync(mediaType, response.ContentStream!, message.CancellationToken);
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
        if (message.BufferResponse || !IsChat(message) || message.Response is not { IsError: false, ContentStream: not null } response ||
            !response.Headers.TryGetValue("Content-Type", out var contentType) || string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var mediaType = contentType.Split(';')[0].Trim();
        return NotAStreamException.Refuses(mediaType) ? mediaType : null;
    }

    /// <summary>Whether the call is a chat completion: only those carry finish reasons (embeddings and model lists pass as sent).</summary>
    private static bool IsChat(PipelineMessage message) =>
        message.Request.Uri?.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal) == true;

    private static void Rewrite(PipelineMessage message)
    {
        if (!IsChat(message) || message.Response is not { IsError: false } response || response.ContentStream is null)
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

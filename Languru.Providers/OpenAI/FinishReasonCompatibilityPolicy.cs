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
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ProcessNext(message, pipeline, currentIndex);
        Rewrite(message);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        await ProcessNextAsync(message, pipeline, currentIndex);
        Rewrite(message);
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

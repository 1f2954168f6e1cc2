using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Languru.Api.Limits;

/// <summary>Reports every usage a provider returns (whole or streamed) to the request's rate-limit admission.</summary>
internal sealed class UsageReportingChatClient(IChatClient inner, RateLimitAdmission admission) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        if (response.Usage is { } usage)
        {
            await admission.ReportAsync(usage, cancellationToken);
        }

        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            foreach (var content in update.Contents)
            {
                if (content is UsageContent usage)
                {
                    await admission.ReportAsync(usage.Details, cancellationToken);
                }
            }

            yield return update;
        }
    }
}

using Languru.Providers.Chat;
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

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        new ReportedUpdates(base.GetStreamingResponseAsync(messages, options, cancellationToken), admission, cancellationToken);

    /// <summary>
    /// Reports each usage as it passes, before the update goes on (no async iterator of its own, see
    /// <see cref="ObservedUpdates"/>: a report that completes at once, as the in-memory counters' does, costs no await).
    /// </summary>
    private sealed class ReportedUpdates(IAsyncEnumerable<ChatResponseUpdate> updates, RateLimitAdmission admission, CancellationToken cancellationToken)
        : ObservedUpdates(updates)
    {
        protected override ValueTask ObserveAsync(ChatResponseUpdate update)
        {
            var contents = update.Contents;
            for (var i = 0; i < contents.Count; i++)
            {
                if (contents[i] is UsageContent usage)
                {
                    return i == contents.Count - 1 ? admission.ReportAsync(usage.Details, cancellationToken) : ReportFromAsync(update, i);
                }
            }

            return default;
        }

        /// <summary>Reports every usage of the update from the one at <paramref name="index"/>, in order.</summary>
        private async ValueTask ReportFromAsync(ChatResponseUpdate update, int index)
        {
            var contents = update.Contents;
            for (var i = index; i < contents.Count; i++)
            {
                if (contents[i] is UsageContent usage)
                {
                    await admission.ReportAsync(usage.Details, cancellationToken);
                }
            }
        }
    }
}

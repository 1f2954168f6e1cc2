using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Providers.Telemetry;

/// <summary>
/// Notes in the request's <see cref="RequestRecord"/> which provider and upstream model answered, the tokens they
/// reported, and when the first answer token arrived. Outside a request (no record) it only passes calls through.
/// </summary>
internal sealed class RequestRecordingChatClient(IChatClient innerClient, string provider, TimeProvider timeProvider)
    : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        if (RequestRecord.Current is { } record)
        {
            record.Answered(provider, response.ModelId ?? options?.ModelId);
            record.AddUsage(response.Usage);
        }

        return response;
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        RequestRecord.Current is { } record
            ? new RecordedUpdates(base.GetStreamingResponseAsync(messages, options, cancellationToken), record, provider, options?.ModelId, timeProvider)
            : base.GetStreamingResponseAsync(messages, options, cancellationToken);

    /// <summary>Notes each update in the record as it passes (no async iterator of its own, see <see cref="ObservedUpdates"/>).</summary>
    private sealed class RecordedUpdates(
        IAsyncEnumerable<ChatResponseUpdate> updates, RequestRecord record, string provider, string? requestedModel, TimeProvider timeProvider)
        : ObservedUpdates(updates)
    {
        private bool _answered;
        private bool _tokenSeen;

        protected override ValueTask ObserveAsync(ChatResponseUpdate update)
        {
            if (!_answered)
            {
                _answered = true;
                record.Answered(provider, update.ModelId ?? requestedModel);
            }

            var contents = update.Contents;
            for (var i = 0; i < contents.Count; i++)
            {
                var content = contents[i];
                if (content is UsageContent usage)
                {
                    record.AddUsage(usage.Details);
                }
                else if (!_tokenSeen && content is not TextContent { Text: null or "" })
                {
                    _tokenSeen = true;
                    record.FirstToken(timeProvider.GetTimestamp());
                }
            }

            return default;
        }
    }
}

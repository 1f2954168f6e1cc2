using System.Runtime.CompilerServices;
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
            ? RecordAsync(record, base.GetStreamingResponseAsync(messages, options, cancellationToken), options?.ModelId, cancellationToken)
            : base.GetStreamingResponseAsync(messages, options, cancellationToken);

    private async IAsyncEnumerable<ChatResponseUpdate> RecordAsync(
        RequestRecord record, IAsyncEnumerable<ChatResponseUpdate> updates, string? requestedModel, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var answered = false;
        var tokenSeen = false;
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            if (!answered)
            {
                answered = true;
                record.Answered(provider, update.ModelId ?? requestedModel);
            }

            foreach (var content in update.Contents)
            {
                if (content is UsageContent usage)
                {
                    record.AddUsage(usage.Details);
                }
                else if (!tokenSeen && content is not TextContent { Text: null or "" })
                {
                    tokenSeen = true;
                    record.FirstToken(timeProvider.GetTimestamp());
                }
            }

            yield return update;
        }
    }
}

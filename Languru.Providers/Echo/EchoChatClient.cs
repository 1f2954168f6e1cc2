using System.Runtime.CompilerServices;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Providers.Echo;

/// <summary>
/// A provider that needs no keys: it answers with the text of the last user message (see <see cref="EchoReply"/>),
/// streamed word by word, deterministically.
/// </summary>
internal sealed class EchoChatClient : IChatClient
{
    private readonly EchoOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ChatClientMetadata _metadata;

    public EchoChatClient(string providerName, EchoOptions options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
        _metadata = new ChatClientMetadata(providerName);
    }

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var reply = EchoReply.Create(messages, options, _options.MaxReplyLength);
        await PauseAsync(Math.Max(reply.Tokens.Count, 1), cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, reply.Text))
        {
            FinishReason = reply.FinishReason,
            Usage = reply.Usage,
            ModelId = options?.ModelId,
            CreatedAt = _timeProvider.GetUtcNow(),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reply = EchoReply.Create(messages, options, _options.MaxReplyLength);
        IReadOnlyList<string> deltas = reply.Tokens.Count > 0 ? reply.Tokens : [""];
        foreach (var delta in deltas)
        {
            await PauseAsync(1, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, delta) { ModelId = options?.ModelId };
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(reply.Usage)])
        {
            FinishReason = reply.FinishReason,
            ModelId = options?.ModelId,
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => ChatClientServices.Resolve(this, _metadata, serviceType, serviceKey);

    public void Dispose()
    {
    }

    private Task PauseAsync(int deltas, CancellationToken cancellationToken) =>
        _options.DeltaDelay > TimeSpan.Zero
            ? Task.Delay(_options.DeltaDelay * deltas, _timeProvider, cancellationToken)
            : Task.CompletedTask;
}

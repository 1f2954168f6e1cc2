using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Languru.Providers.OpenAI;

/// <summary>
/// An <see cref="IChatClient"/> over the official OpenAI SDK, for OpenAI and OpenAI-compatible servers. One client per
/// provider serves every model: <see cref="ChatOptions.ModelId"/> picks the model. Two deadlines guard each call:
/// the first streamed chunk must come within <see cref="OpenAIProviderOptions.TimeToFirstToken"/>, and the whole call
/// must end within <see cref="OpenAIProviderOptions.Timeout"/>. The caller's token (the client's connection) cancels
/// the upstream request at once.
/// </summary>
internal sealed class OpenAIChatClient : IChatClient
{
    private readonly string _provider;
    private readonly OpenAIClient _client;
    private readonly OpenAIProviderOptions _options;
    private readonly string? _secret;
    private readonly ChatClientMetadata _metadata;

    public OpenAIChatClient(string provider, OpenAIClient client, OpenAIProviderOptions options, string? secret)
    {
        _provider = provider;
        _client = client;
        _options = options;
        _secret = secret;
        _metadata = new ChatClientMetadata(provider, client.Endpoint);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (model, request, requestOptions) = Prepare(messages, options);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Timeout);
        try
        {
            var result = await _client.GetChatClient(model).CompleteChatAsync(request, requestOptions, deadline.Token);
            return OpenAIMapping.FromOpenAICompletion(result.Value);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw OpenAIErrors.Map(ex, Call(model), OpenAIErrors.Deadline.Total);
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AIChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (model, request, requestOptions) = Prepare(messages, options);
        var started = Environment.TickCount64;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Min(_options.TimeToFirstToken, _options.Timeout));
        var phase = OpenAIErrors.Deadline.TimeToFirstToken;

        // The SDK always asks the upstream for usage (stream_options.include_usage); the API decides what to pass on.
        var updates = _client.GetChatClient(model).CompleteChatStreamingAsync(request, requestOptions, deadline.Token).GetAsyncEnumerator(deadline.Token);
        try
        {
            while (true)
            {
                StreamingChatCompletionUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync())
                    {
                        yield break;
                    }

                    update = updates.Current;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw OpenAIErrors.Map(ex, Call(model), phase);
                }

                if (phase == OpenAIErrors.Deadline.TimeToFirstToken)
                {
                    phase = OpenAIErrors.Deadline.Total;
                    deadline.CancelAfter(Max(_options.Timeout - TimeSpan.FromMilliseconds(Environment.TickCount64 - started), TimeSpan.FromMilliseconds(1)));
                }

                yield return OpenAIMapping.FromOpenAIUpdate(update);
            }
        }
        finally
        {
            await updates.DisposeAsync();
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(OpenAIClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }

    private (string Model, List<global::OpenAI.Chat.ChatMessage> Messages, ChatCompletionOptions Options) Prepare(IEnumerable<AIChatMessage> messages, ChatOptions? options)
    {
        var model = options?.ModelId ?? throw new InvalidOperationException("ChatOptions.ModelId is required: the router sets it.");
        return (model, OpenAIMapping.ToOpenAIMessages(messages), OpenAIMapping.ToOpenAIOptions(options, _options.ForwardUnknownFields));
    }

    private UpstreamCall Call(string model) => new(_provider, _client.Endpoint, model, _options, _secret);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

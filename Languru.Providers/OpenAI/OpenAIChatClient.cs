using System.Runtime.CompilerServices;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Languru.Providers.OpenAI;

/// <summary>
/// An <see cref="IChatClient"/> over the official OpenAI SDK, for OpenAI and OpenAI-compatible servers. One client per
/// provider serves every model: <see cref="ChatOptions.ModelId"/> picks the model. Deadlines guard each call: the first
/// streamed chunk must come within <see cref="OpenAIProviderOptions.TimeToFirstToken"/>, each later one within
/// <see cref="OpenAIProviderOptions.IdleTimeout"/>, and the whole call must end within <see cref="OpenAIProviderOptions.Timeout"/>. The caller's token (the client's connection) cancels
/// the upstream request at once. A request that carries the client's wire request (<see cref="IOpenAIChatRequest"/>,
/// through <see cref="ChatOptions.RawRepresentationFactory"/>) takes the wire path, <see cref="OpenAIWireClient"/>;
/// any other (the Responses API, callers of the provider itself) goes through the SDK.
/// </summary>
internal sealed class OpenAIChatClient : IChatClient
{
    private readonly string _provider;
    private readonly OpenAIClient _client;
    private readonly OpenAIProviderOptions _options;
    private readonly string? _secret;
    private readonly ChatClientMetadata _metadata;
    private readonly OpenAIWireClient _wire;

    public OpenAIChatClient(string provider, OpenAIClient client, OpenAIWireClient wire, OpenAIProviderOptions options, string? secret)
    {
        _provider = provider;
        _client = client;
        _wire = wire;
        _options = options;
        _secret = secret;
        _metadata = new ChatClientMetadata(provider, client.Endpoint);
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        WireRequest(options) is { } wire
            ? _wire.GetResponseAsync(wire, Call(Model(options)), cancellationToken)
            : GetSdkResponseAsync(messages, options, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        WireRequest(options) is { } wire
            ? _wire.GetStreamingResponseAsync(wire, Call(Model(options)), cancellationToken)
            : GetSdkStreamingResponseAsync(messages, options, cancellationToken);

    private async Task<ChatResponse> GetSdkResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var (model, request, requestOptions) = Prepare(messages, options);
        using var deadline = UpstreamDeadline.ForWholeAnswer(_options.Timeout, cancellationToken);
        try
        {
            var result = await _client.GetChatClient(model).CompleteChatAsync(request, requestOptions, deadline.Token);
            return OpenAIMapping.FromOpenAICompletion(result.Value);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw OpenAIErrors.Map(ex, Call(model), deadline);
        }
    }

    private async IAsyncEnumerable<ChatResponseUpdate> GetSdkStreamingResponseAsync(
        IEnumerable<AIChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (model, request, requestOptions) = Prepare(messages, options);
        using var deadline = UpstreamDeadline.ForStream(_options.TimeToFirstToken, _options.IdleTimeout, _options.Timeout, cancellationToken);

        // The SDK always asks the upstream for usage (stream_options.include_usage); the API decides what to pass on.
        var updates = _client.GetChatClient(model).CompleteChatStreamingAsync(request, requestOptions, deadline.Token).GetAsyncEnumerator(deadline.Token);
        var received = 0;
        var finished = false;
        try
        {
            while (true)
            {
                StreamingChatCompletionUpdate update;
                try
                {
                    if (!await deadline.NextAsync(updates))
                    {
                        // The SDK ends quietly at a clean close, [DONE] or not: only a finish reason proves the answer whole.
                        if (!finished)
                        {
                            throw OpenAIErrors.Unfinished(Call(model), received);
                        }

                        yield break;
                    }

                    update = updates.Current;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw OpenAIErrors.Map(ex, Call(model), deadline);
                }

                deadline.ChunkArrived();
                received++;
                finished |= update.FinishReason is not null;
                yield return OpenAIMapping.FromOpenAIUpdate(update);
            }
        }
        finally
        {
            await updates.DisposeAsync();
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(OpenAIClient) ? _client : ChatClientServices.Resolve(this, _metadata, serviceType, serviceKey);

    public void Dispose()
    {
    }

    private static string Model(ChatOptions? options) =>
        options?.ModelId ?? throw new InvalidOperationException("ChatOptions.ModelId is required: the router sets it.");

    private IOpenAIChatRequest? WireRequest(ChatOptions? options) => options?.RawRepresentationFactory?.Invoke(this) as IOpenAIChatRequest;

    private (string Model, List<global::OpenAI.Chat.ChatMessage> Messages, ChatCompletionOptions Options) Prepare(IEnumerable<AIChatMessage> messages, ChatOptions? options) =>
        (Model(options), OpenAIMapping.ToOpenAIMessages(messages), OpenAIMapping.ToOpenAIOptions(options, _options.ForwardUnknownFields));

    private UpstreamCall Call(string model) => new(_provider, _client.Endpoint, model, _secret);
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Providers.Ollama;

/// <summary>
/// An <see cref="IChatClient"/> over Ollama's native <c>/api/chat</c>. Streams NDJSON line by line as updates; whole
/// tool calls arrive in a non-final line; the final line carries the finish reason and the token counts. The first
/// line must come within <see cref="OllamaProviderOptions.TimeToFirstToken"/> (loading the model counts), each later one
/// within <see cref="OllamaProviderOptions.IdleTimeout"/>, and the whole call must end within <see cref="OllamaProviderOptions.Timeout"/>; the caller's token aborts the request at once.
/// </summary>
internal sealed class OllamaChatClient : IChatClient
{
    private readonly string _provider;
    private readonly OllamaApiClient _api;
    private readonly OllamaProviderOptions _options;
    private readonly IReadOnlyDictionary<string, JsonElement> _defaultOptions;
    private readonly JsonElement? _keepAlive;
    private readonly ChatClientMetadata _metadata;

    public OllamaChatClient(string provider, OllamaApiClient api, OllamaProviderOptions options)
    {
        _provider = provider;
        _api = api;
        _options = options;
        _defaultOptions = OllamaMapping.DefaultOptions(options);
        _keepAlive = OllamaMapping.KeepAlive(options);
        _metadata = new ChatClientMetadata(provider, api.BaseUrl);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = OllamaMapping.ToRequest(messages, options, stream: false, _defaultOptions, _keepAlive);
        using var deadline = UpstreamDeadline.ForWholeAnswer(_options.Timeout, cancellationToken);
        OllamaChatResponse answer;
        try
        {
            answer = await _api.ChatAsync(request, deadline.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw OllamaErrors.Map(ex, _provider, _api.BaseUrl, request.Model, deadline, _options);
        }

        if (answer.Error is { } error)
        {
            throw OllamaErrors.StreamError(_provider, request.Model, error);
        }

        var contents = OllamaMapping.ToContents(answer.Message);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents))
        {
            ModelId = answer.Model,
            CreatedAt = answer.CreatedAt,
            FinishReason = OllamaMapping.ToFinishReason(answer.DoneReason, contents.Any(c => c is FunctionCallContent)),
            Usage = OllamaMapping.ToUsage(answer),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = OllamaMapping.ToRequest(messages, options, stream: true, _defaultOptions, _keepAlive);
        using var deadline = UpstreamDeadline.ForStream(_options.TimeToFirstToken, _options.IdleTimeout, _options.Timeout, cancellationToken);
        var calledTools = false;
        var lines = _api.ChatStreamAsync(request, deadline.Token).GetAsyncEnumerator(deadline.Token);
        try
        {
            while (true)
            {
                OllamaChatResponse line;
                try
                {
                    if (!await deadline.NextAsync(lines))
                    {
                        throw OllamaErrors.EndedEarly(_provider, request.Model);
                    }

                    line = lines.Current;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw OllamaErrors.Map(ex, _provider, _api.BaseUrl, request.Model, deadline, _options);
                }

                if (line.Error is { } error)
                {
                    throw OllamaErrors.StreamError(_provider, request.Model, error);
                }

                deadline.ChunkArrived();

                var contents = OllamaMapping.ToContents(line.Message);
                calledTools |= contents.Any(c => c is FunctionCallContent);
                if (line.Done && OllamaMapping.ToUsage(line) is { } usage)
                {
                    contents.Add(new UsageContent(usage));
                }

                yield return new ChatResponseUpdate(ChatRole.Assistant, contents)
                {
                    ModelId = line.Model,
                    CreatedAt = line.CreatedAt,
                    FinishReason = line.Done ? OllamaMapping.ToFinishReason(line.DoneReason, calledTools) : null,
                };

                if (line.Done)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await lines.DisposeAsync();
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => ChatClientServices.Resolve(this, _metadata, serviceType, serviceKey);

    public void Dispose()
    {
    }
}

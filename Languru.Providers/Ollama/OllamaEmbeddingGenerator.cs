using System.Text.Json;
using Languru.Providers.Chat;
using Languru.Providers.Embeddings;
using Microsoft.Extensions.AI;

namespace Languru.Providers.Ollama;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over Ollama's native <c>POST /api/embed</c>: every input
/// in one request, <c>dimensions</c> forwarded, <c>truncate: false</c> (an over-long input is Ollama's 400, not a
/// silently shortened embedding), the provider's <c>Options</c> and <c>KeepAlive</c> as for chat. Ollama embeds text
/// only, so token-id inputs are refused with a 400 naming <c>input</c>. The call runs under
/// <see cref="OllamaProviderOptions.Timeout"/> and its failures map as chat's do (<see cref="OllamaErrors"/>).
/// </summary>
internal sealed class OllamaEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly string _provider;
    private readonly OllamaApiClient _api;
    private readonly OllamaProviderOptions _options;
    private readonly IReadOnlyDictionary<string, JsonElement>? _defaultOptions;
    private readonly JsonElement? _keepAlive;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public OllamaEmbeddingGenerator(string provider, OllamaApiClient api, OllamaProviderOptions options)
    {
        _provider = provider;
        _api = api;
        _options = options;
        _defaultOptions = options.Options.Count > 0 ? OllamaMapping.DefaultOptions(options) : null;
        _keepAlive = OllamaMapping.KeepAlive(options);
        _metadata = new EmbeddingGeneratorMetadata(provider, api.BaseUrl);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (EmbeddingInputs.TokenIds(options) is not null)
        {
            throw EmbeddingInputs.Refuse(_provider, OllamaProviderFactory.TypeName);
        }

        var request = new OllamaEmbedRequest
        {
            Model = options?.ModelId ?? throw new InvalidOperationException("EmbeddingGenerationOptions.ModelId is required: the router sets it."),
            Input = [.. values],
            Dimensions = options.Dimensions,
            Options = _defaultOptions,
            KeepAlive = _keepAlive,
        };
        using var deadline = UpstreamDeadline.ForWholeAnswer(_options.Timeout, cancellationToken);
        OllamaEmbedResponse answer;
        try
        {
            answer = await _api.EmbedAsync(request, deadline.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw OllamaErrors.Map(ex, _provider, _api.BaseUrl, request.Model, deadline, _options);
        }

        if (answer.Embeddings is not { } vectors || vectors.Count != request.Input.Count)
        {
            throw new ChatProviderException(ChatProviderErrorKind.UpstreamError,
                $"Ollama ('{_provider}') answered with {answer.Embeddings?.Count ?? 0} embeddings for {request.Input.Count} inputs.");
        }

        var embeddings = new GeneratedEmbeddings<Embedding<float>>(vectors.Count);
        foreach (var vector in vectors)
        {
            embeddings.Add(new Embedding<float>(vector) { ModelId = answer.Model });
        }

        if (answer.PromptEvalCount is int tokens)
        {
            embeddings.Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens };
        }

        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => ChatClientServices.Resolve(this, _metadata, serviceType, serviceKey);

    public void Dispose()
    {
    }
}

using Languru.Providers.Chat;
using Languru.Providers.Embeddings;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Embeddings;
using EmbeddingGenerationOptions = Microsoft.Extensions.AI.EmbeddingGenerationOptions;

namespace Languru.Providers.OpenAI;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over the official SDK's <see cref="EmbeddingClient"/>, from
/// the provider's one <see cref="OpenAIClient"/> (so the same transport, key, headers and retry policy as chat).
/// Token-id inputs (<see cref="EmbeddingInputs.TokenIds"/>) are sent upstream as ids; <c>dimensions</c> and
/// <c>user</c> are forwarded. The call runs under <see cref="OpenAIProviderOptions.Timeout"/>, and its failures map as
/// chat's do (<see cref="OpenAIErrors"/>). The SDK asks the upstream for base64 and decodes it, and reads a float
/// array just as well from servers that ignore <c>encoding_format</c>.
/// </summary>
internal sealed class OpenAIEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly string _provider;
    private readonly OpenAIClient _client;
    private readonly OpenAIProviderOptions _options;
    private readonly string? _secret;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public OpenAIEmbeddingGenerator(string provider, OpenAIClient client, OpenAIProviderOptions options, string? secret)
    {
        _provider = provider;
        _client = client;
        _options = options;
        _secret = secret;
        _metadata = new EmbeddingGeneratorMetadata(provider, client.Endpoint);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var model = options?.ModelId ?? throw new InvalidOperationException("EmbeddingGenerationOptions.ModelId is required: the router sets it.");
        var requestOptions = new global::OpenAI.Embeddings.EmbeddingGenerationOptions
        {
            Dimensions = options.Dimensions,
            EndUserId = options.AdditionalProperties?.TryGetValue(EmbeddingOptionKeys.User, out var user) == true ? user as string : null,
        };
        var client = _client.GetEmbeddingClient(model);
        using var deadline = UpstreamDeadline.ForWholeAnswer(_options.Timeout, cancellationToken);
        OpenAIEmbeddingCollection result;
        try
        {
            result = EmbeddingInputs.TokenIds(options) is { } tokenIds
                ? await client.GenerateEmbeddingsAsync(tokenIds.Select(ids => new ReadOnlyMemory<int>(ids)), requestOptions, deadline.Token)
                : await client.GenerateEmbeddingsAsync(values, requestOptions, deadline.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw OpenAIErrors.Map(ex, new UpstreamCall(_provider, _client.Endpoint, model, _secret), deadline);
        }

        var embeddings = new GeneratedEmbeddings<Embedding<float>>(result.Count)
        {
            Usage = result.Usage is { } usage
                ? new UsageDetails { InputTokenCount = usage.InputTokenCount, TotalTokenCount = usage.TotalTokenCount }
                : null,
        };
        foreach (var embedding in result.OrderBy(e => e.Index))
        {
            embeddings.Add(new Embedding<float>(embedding.ToFloats()) { ModelId = result.Model });
        }

        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(OpenAIClient) ? _client : ChatClientServices.Resolve(this, _metadata, serviceType, serviceKey);

    public void Dispose()
    {
    }
}

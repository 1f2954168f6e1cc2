using Languru.Providers.Chat;
using Languru.Providers.Embeddings;
using Microsoft.Extensions.AI;

namespace Languru.Providers.Echo;

/// <summary>
/// Embeddings that need no keys: <see cref="EchoEmbedding"/> of each input (text or token ids), with
/// <see cref="EchoOptions.EmbeddingDimensions"/> components unless the request asks for <c>dimensions</c> (at most
/// <see cref="MaxDimensions"/>). Usage counts words (or token ids), as the echo chat client does.
/// </summary>
internal sealed class EchoEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The most components a request may ask for (as many as OpenAI's largest embedding model has).</summary>
    public const int MaxDimensions = 3072;

    private readonly EchoOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public EchoEmbeddingGenerator(string providerName, EchoOptions options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
        _metadata = new EmbeddingGeneratorMetadata(providerName, defaultModelDimensions: options.EmbeddingDimensions);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        cancellationToken.ThrowIfCancellationRequested();
        var dimensions = options?.Dimensions ?? _options.EmbeddingDimensions;
        if (dimensions is < 1 or > MaxDimensions)
        {
            throw new ChatProviderException(
                ChatProviderErrorKind.InvalidRequest,
                $"Invalid 'dimensions': the echo provider makes embeddings of 1 to {MaxDimensions} dimensions, not {dimensions}.")
            {
                Param = "dimensions",
                Code = "invalid_value",
            };
        }

        var now = _timeProvider.GetUtcNow();
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        var tokens = 0;
        if (EmbeddingInputs.TokenIds(options) is { } tokenIds)
        {
            foreach (var ids in tokenIds)
            {
                tokens += ids.Length;
                embeddings.Add(new Embedding<float>(EchoEmbedding.Embed(ids, dimensions)) { ModelId = options?.ModelId, CreatedAt = now });
            }
        }
        else
        {
            foreach (var text in values)
            {
                tokens += EchoReply.CountWords(text);
                embeddings.Add(new Embedding<float>(EchoEmbedding.Embed(text, dimensions)) { ModelId = options?.ModelId, CreatedAt = now });
            }
        }

        embeddings.Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens };
        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => ChatClientServices.Resolve(this, _metadata, serviceType, serviceKey);

    public void Dispose()
    {
    }
}

using System.Text.Json.Serialization;

namespace Languru.Contracts.Embeddings;

/// <summary>The answer of <c>POST /v1/embeddings</c>: OpenAI's <c>CreateEmbeddingResponse</c>.</summary>
public sealed class EmbeddingResponse
{
    /// <summary>Always <c>list</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType { get; init; } = "list";

    /// <summary>The embeddings, one per input, in the order of the inputs.</summary>
    [JsonPropertyName("data")]
    public required IReadOnlyList<EmbeddingData> Data { get; init; }

    /// <summary>The model name as the client sent it.</summary>
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    /// <summary>Token counts, as the provider reports them.</summary>
    [JsonPropertyName("usage")]
    public required EmbeddingUsage Usage { get; init; }
}

using System.Text.Json.Serialization;

namespace Languru.Contracts.Embeddings;

/// <summary>One embedding of the answer of <c>POST /v1/embeddings</c>.</summary>
public sealed class EmbeddingData
{
    /// <summary>Always <c>embedding</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType { get; init; } = "embedding";

    /// <summary>
    /// The vector: an array of numbers, or with <c>encoding_format: base64</c> a string, the base64 of the vector's
    /// little-endian float32 bytes.
    /// </summary>
    [JsonPropertyName("embedding")]
    public required EmbeddingVector Vector { get; init; }

    /// <summary>The position of its input in the request's <c>input</c>.</summary>
    [JsonPropertyName("index")]
    public required int Index { get; init; }
}

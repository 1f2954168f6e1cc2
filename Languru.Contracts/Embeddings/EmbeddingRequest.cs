using System.Text.Json;
using System.Text.Json.Serialization;

namespace Languru.Contracts.Embeddings;

/// <summary>The body of <c>POST /v1/embeddings</c>: OpenAI's <c>CreateEmbeddingRequest</c>. Unknown fields are accepted and ignored.</summary>
public sealed class EmbeddingRequest
{
    /// <summary>
    /// What to embed: a string, an array of strings, an array of token ids (integers), or an array of token-id arrays;
    /// at most 2048 inputs, none empty.
    /// </summary>
    [JsonPropertyName("input")]
    public EmbeddingInput? Input { get; set; }

    /// <summary>The model to use, e.g. <c>default</c>, <c>text-embedding-3-small</c>, <c>nomic-embed-text</c> or <c>provider/model</c>.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary><c>float</c> (the default: arrays of numbers) or <c>base64</c> (little-endian float32 bytes, base64-encoded).</summary>
    [JsonPropertyName("encoding_format")]
    public string? EncodingFormat { get; set; }

    /// <summary>How many dimensions the embeddings should have (at least 1), for models that can shorten them.</summary>
    [JsonPropertyName("dimensions")]
    public int? Dimensions { get; set; }

    /// <summary>A stable identifier for the end user.</summary>
    [JsonPropertyName("user")]
    public string? User { get; set; }

    /// <summary>Fields this gateway does not model. They are accepted and ignored.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

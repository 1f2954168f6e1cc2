using System.Text.Json.Serialization;

namespace Languru.Contracts.Embeddings;

/// <summary>The token counts of an embedding request.</summary>
public sealed class EmbeddingUsage
{
    /// <summary>Tokens in the inputs.</summary>
    [JsonPropertyName("prompt_tokens")]
    public required int PromptTokens { get; init; }

    /// <summary>All tokens the request used (for embeddings, the same as <c>prompt_tokens</c>).</summary>
    [JsonPropertyName("total_tokens")]
    public required int TotalTokens { get; init; }
}

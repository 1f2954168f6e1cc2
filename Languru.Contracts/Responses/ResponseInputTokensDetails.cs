using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>Details of a response's input tokens.</summary>
public sealed class ResponseInputTokensDetails
{
    /// <summary>Input tokens read from the provider's prompt cache.</summary>
    [JsonPropertyName("cached_tokens")]
    public int CachedTokens { get; init; }

    /// <summary>Input tokens written to the provider's prompt cache.</summary>
    [JsonPropertyName("cache_write_tokens")]
    public int CacheWriteTokens { get; init; }
}

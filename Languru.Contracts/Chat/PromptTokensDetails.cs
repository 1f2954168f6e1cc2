using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>Breakdown of the prompt tokens.</summary>
public sealed class PromptTokensDetails
{
    /// <summary>Prompt tokens served from the upstream's cache.</summary>
    [JsonPropertyName("cached_tokens")]
    public int? CachedTokens { get; init; }

    /// <summary>Audio input tokens.</summary>
    [JsonPropertyName("audio_tokens")]
    public int? AudioTokens { get; init; }
}

using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>Token counts for one request.</summary>
public sealed class CompletionUsage
{
    /// <summary>Tokens in the prompt.</summary>
    [JsonPropertyName("prompt_tokens")]
    public required int PromptTokens { get; init; }

    /// <summary>Tokens generated.</summary>
    [JsonPropertyName("completion_tokens")]
    public required int CompletionTokens { get; init; }

    /// <summary>Prompt plus completion tokens.</summary>
    [JsonPropertyName("total_tokens")]
    public required int TotalTokens { get; init; }

    /// <summary>Breakdown of the prompt tokens, when the upstream gives one.</summary>
    [JsonPropertyName("prompt_tokens_details")]
    public PromptTokensDetails? PromptTokensDetails { get; init; }

    /// <summary>Breakdown of the completion tokens, when the upstream gives one.</summary>
    [JsonPropertyName("completion_tokens_details")]
    public CompletionTokensDetails? CompletionTokensDetails { get; init; }
}

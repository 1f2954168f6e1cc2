using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>Details of a response's output tokens.</summary>
public sealed class ResponseOutputTokensDetails
{
    /// <summary>Output tokens spent on reasoning.</summary>
    [JsonPropertyName("reasoning_tokens")]
    public int ReasoningTokens { get; init; }
}

using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>Token counts of a response, with their details (zero when the provider did not say).</summary>
public sealed class ResponseUsage
{
    /// <summary>Input tokens.</summary>
    [JsonPropertyName("input_tokens")]
    public required int InputTokens { get; init; }

    /// <summary>Details of the input tokens.</summary>
    [JsonPropertyName("input_tokens_details")]
    public required ResponseInputTokensDetails InputTokensDetails { get; init; }

    /// <summary>Output tokens, including reasoning tokens.</summary>
    [JsonPropertyName("output_tokens")]
    public required int OutputTokens { get; init; }

    /// <summary>Details of the output tokens.</summary>
    [JsonPropertyName("output_tokens_details")]
    public required ResponseOutputTokensDetails OutputTokensDetails { get; init; }

    /// <summary>Input plus output tokens.</summary>
    [JsonPropertyName("total_tokens")]
    public required int TotalTokens { get; init; }
}

using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>Breakdown of the completion tokens.</summary>
public sealed class CompletionTokensDetails
{
    /// <summary>Tokens spent on reasoning.</summary>
    [JsonPropertyName("reasoning_tokens")]
    public int? ReasoningTokens { get; init; }

    /// <summary>Audio output tokens.</summary>
    [JsonPropertyName("audio_tokens")]
    public int? AudioTokens { get; init; }

    /// <summary>Predicted-output tokens that appeared in the completion.</summary>
    [JsonPropertyName("accepted_prediction_tokens")]
    public int? AcceptedPredictionTokens { get; init; }

    /// <summary>Predicted-output tokens that did not appear in the completion.</summary>
    [JsonPropertyName("rejected_prediction_tokens")]
    public int? RejectedPredictionTokens { get; init; }
}

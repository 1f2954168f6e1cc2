using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>The part of the message generated since the previous event.</summary>
public sealed class ChatCompletionDelta
{
    /// <summary><c>assistant</c> on a choice's first delta; absent afterwards.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; init; }

    /// <summary>The text gained (possibly empty). Absent only on tool-call deltas.</summary>
    [JsonPropertyName("content")]
    public string? Content { get; init; }

    /// <summary>Refusal text gained, if the model refuses.</summary>
    [JsonPropertyName("refusal")]
    public string? Refusal { get; init; }

    /// <summary>More of a reasoning model's thinking, when the provider streams it (see <c>ChatCompletionResponseMessage.ReasoningContent</c>).</summary>
    [JsonPropertyName("reasoning_content")]
    public string? ReasoningContent { get; init; }

    /// <summary>Tool-call fragments; clients join them by <c>index</c>.</summary>
    [JsonPropertyName("tool_calls")]
    public IReadOnlyList<ToolCallDelta>? ToolCalls { get; init; }
}

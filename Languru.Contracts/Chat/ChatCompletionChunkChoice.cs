using System.Text.Json;
using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>A delta of one choice in a streamed answer.</summary>
public sealed class ChatCompletionChunkChoice
{
    /// <summary>The choice this delta belongs to.</summary>
    [JsonPropertyName("index")]
    public required int Index { get; init; }

    /// <summary>What the choice gained in this event.</summary>
    [JsonPropertyName("delta")]
    public required ChatCompletionDelta Delta { get; init; }

    /// <summary>Log probabilities, or null.</summary>
    [JsonPropertyName("logprobs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public JsonElement? Logprobs { get; init; }

    /// <summary>Null until the choice ends; then <c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c> or <c>function_call</c>.</summary>
    [JsonPropertyName("finish_reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}

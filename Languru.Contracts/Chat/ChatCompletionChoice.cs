using System.Text.Json;
using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>One choice of a <c>chat.completion</c>.</summary>
public sealed class ChatCompletionChoice
{
    /// <summary>The choice's position, 0 to n-1.</summary>
    [JsonPropertyName("index")]
    public required int Index { get; init; }

    /// <summary>The generated message.</summary>
    [JsonPropertyName("message")]
    public required ChatCompletionResponseMessage Message { get; init; }

    /// <summary>Log probabilities, or null.</summary>
    [JsonPropertyName("logprobs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public JsonElement? Logprobs { get; init; }

    /// <summary><c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c> or <c>function_call</c>.</summary>
    [JsonPropertyName("finish_reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}

using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>The message the model generated.</summary>
public sealed class ChatCompletionResponseMessage
{
    /// <summary>Always <c>assistant</c>.</summary>
    [JsonPropertyName("role")]
    public string Role { get; init; } = "assistant";

    /// <summary>The text, or null when the model only called tools or refused.</summary>
    [JsonPropertyName("content")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Content { get; init; }

    /// <summary>The refusal message, or null.</summary>
    [JsonPropertyName("refusal")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Refusal { get; init; }

    /// <summary>
    /// A reasoning model's thinking, when the provider returns it (the <c>reasoning_content</c> field of vLLM, DeepSeek
    /// and OpenRouter, or Ollama's <c>thinking</c>). Not part of OpenAI's own schema; absent otherwise.
    /// </summary>
    [JsonPropertyName("reasoning_content")]
    public string? ReasoningContent { get; init; }

    /// <summary>The tools the model called, if any.</summary>
    [JsonPropertyName("tool_calls")]
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }
}

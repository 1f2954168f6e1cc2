using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>One message of the conversation sent to the model.</summary>
public sealed class ChatCompletionRequestMessage
{
    /// <summary><c>system</c>, <c>developer</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; set; }

    /// <summary>
    /// A string, or an array of content parts (<c>ContentPart</c>: <c>text</c>, <c>image_url</c>, <c>input_audio</c>,
    /// <c>file</c>, <c>refusal</c>). May be null on an assistant message that carries tool calls, a function call or
    /// a refusal.
    /// </summary>
    [JsonPropertyName("content")]
    public MessageContent? Content { get; set; }

    /// <summary>An optional name for the participant.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Tool calls made by the assistant (assistant messages only).</summary>
    [JsonPropertyName("tool_calls")]
    public IReadOnlyList<ToolCall>? ToolCalls { get; set; }

    /// <summary>
    /// Deprecated by OpenAI in favour of <c>tool_calls</c>: the function the assistant called (assistant messages
    /// only), answered by a <c>function</c> message. Only OpenAI-type providers can take it; other providers refuse it.
    /// </summary>
    [JsonPropertyName("function_call")]
    public FunctionCall? FunctionCall { get; set; }

    /// <summary>The id of the tool call this message answers (tool messages only).</summary>
    [JsonPropertyName("tool_call_id")]
    public string? ToolCallId { get; set; }

    /// <summary>A refusal by the assistant (assistant messages only).</summary>
    [JsonPropertyName("refusal")]
    public string? Refusal { get; set; }
}

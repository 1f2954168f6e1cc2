using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>A call of a tool made by the model: a <c>function</c> tool, or a <c>custom</c> tool (free-form input).</summary>
public sealed class ToolCall
{
    /// <summary>The call id, answered by a <c>tool</c> message's <c>tool_call_id</c>.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary><c>function</c> or <c>custom</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The function called (<c>type: function</c>).</summary>
    [JsonPropertyName("function")]
    public FunctionCall? Function { get; set; }

    /// <summary>
    /// The custom tool called (<c>type: custom</c>). Only OpenAI-type providers can take it back in a conversation;
    /// other providers refuse it.
    /// </summary>
    [JsonPropertyName("custom")]
    public CustomToolCall? Custom { get; set; }
}

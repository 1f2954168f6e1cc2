using System.Text.Json;
using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>A tool the model may call: a <c>function</c>, or a <c>custom</c> tool (free-form input).</summary>
public sealed class ChatTool
{
    /// <summary><c>function</c> or <c>custom</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The function.</summary>
    [JsonPropertyName("function")]
    public FunctionDefinition? Function { get; set; }

    /// <summary>
    /// The custom tool (<c>type: custom</c>): <c>{"name", "description", "format"}</c>, forwarded as sent to
    /// OpenAI-type providers; other providers refuse it.
    /// </summary>
    [JsonPropertyName("custom")]
    public JsonElement? Custom { get; set; }
}

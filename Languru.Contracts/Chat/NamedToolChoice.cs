using System.Text.Json;
using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>
/// A tool choice object: one named function (<c>function</c>), one named custom tool (<c>custom</c>), or a subset of the
/// declared tools (<c>allowed_tools</c>). The last two are forwarded as sent to OpenAI-type providers only.
/// </summary>
public sealed class NamedToolChoice
{
    /// <summary><c>function</c>, <c>custom</c> or <c>allowed_tools</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The function to call.</summary>
    [JsonPropertyName("function")]
    public FunctionName? Function { get; set; }

    /// <summary>The custom tool to call (<c>type: custom</c>).</summary>
    [JsonPropertyName("custom")]
    public FunctionName? Custom { get; set; }

    /// <summary>The tools the model may pick from (<c>type: allowed_tools</c>): <c>{"mode": "auto"|"required", "tools": […]}</c>.</summary>
    [JsonPropertyName("allowed_tools")]
    public JsonElement? AllowedTools { get; set; }
}

using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>A call of a function tool made by the model.</summary>
public sealed class ToolCall
{
    /// <summary>The call id, answered by a <c>tool</c> message's <c>tool_call_id</c>.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>Always <c>function</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The function called.</summary>
    [JsonPropertyName("function")]
    public FunctionCall? Function { get; init; }
}

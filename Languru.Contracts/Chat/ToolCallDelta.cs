using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>A fragment of a streamed tool call. The first fragment of a call carries its id, type and name.</summary>
public sealed class ToolCallDelta
{
    /// <summary>The position of the call in the message; fragments with the same index belong together.</summary>
    [JsonPropertyName("index")]
    public required int Index { get; init; }

    /// <summary>The call id (first fragment only).</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary><c>function</c> or <c>custom</c> (first fragment only).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The function name and an arguments fragment (a function call).</summary>
    [JsonPropertyName("function")]
    public FunctionCallDelta? Function { get; init; }

    /// <summary>The custom tool's name (first fragment only) and an input fragment (a custom tool call).</summary>
    [JsonPropertyName("custom")]
    public CustomToolCall? Custom { get; init; }
}

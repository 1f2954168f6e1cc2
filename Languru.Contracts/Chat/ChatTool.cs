using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>A tool the model may call. Only <c>function</c> tools exist.</summary>
public sealed class ChatTool
{
    /// <summary>Always <c>function</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The function.</summary>
    [JsonPropertyName("function")]
    public FunctionDefinition? Function { get; init; }
}

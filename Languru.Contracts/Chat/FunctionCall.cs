using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>The function and arguments of a tool call.</summary>
public sealed class FunctionCall
{
    /// <summary>The function name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The arguments as a JSON string, exactly as the model produced them (not always valid JSON).</summary>
    [JsonPropertyName("arguments")]
    public string? Arguments { get; set; }
}

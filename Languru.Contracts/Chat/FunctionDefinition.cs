using System.Text.Json;
using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>A function the model may call.</summary>
public sealed class FunctionDefinition
{
    /// <summary>The function name (a-z, A-Z, 0-9, underscores and dashes, at most 64 characters).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>What the function does.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>The parameters as a JSON Schema object, kept as raw JSON.</summary>
    [JsonPropertyName("parameters")]
    public JsonElement? Parameters { get; set; }

    /// <summary>Whether the upstream must follow the parameter schema exactly.</summary>
    [JsonPropertyName("strict")]
    public bool? Strict { get; set; }
}

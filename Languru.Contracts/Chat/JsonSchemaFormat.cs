using System.Text.Json;
using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>A JSON Schema the output must match.</summary>
public sealed class JsonSchemaFormat
{
    /// <summary>The schema's name (a-z, A-Z, 0-9, underscores and dashes, at most 64 characters).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>What the format is for.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>The JSON Schema, kept as raw JSON and passed on unchanged.</summary>
    [JsonPropertyName("schema")]
    public JsonElement? Schema { get; set; }

    /// <summary>Whether the upstream must follow the schema exactly.</summary>
    [JsonPropertyName("strict")]
    public bool? Strict { get; set; }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary><c>text.format</c>: <c>text</c>, <c>json_object</c>, or <c>json_schema</c> (flat: <c>name</c>, <c>schema</c>, <c>strict</c>).</summary>
public sealed class ResponseTextFormat
{
    /// <summary><c>text</c>, <c>json_object</c> or <c>json_schema</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The schema's name (<c>json_schema</c>).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>What the schema is for (<c>json_schema</c>).</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>The JSON Schema the output must match (<c>json_schema</c>).</summary>
    [JsonPropertyName("schema")]
    public JsonElement? Schema { get; set; }

    /// <summary>Whether the model must follow the schema exactly (<c>json_schema</c>).</summary>
    [JsonPropertyName("strict")]
    public bool? Strict { get; set; }
}

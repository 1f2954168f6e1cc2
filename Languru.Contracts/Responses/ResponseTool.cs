using System.Text.Json;
using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>A tool the model may call. Only <c>function</c> tools are served; built-in tools are refused with a 400.</summary>
public sealed class ResponseTool
{
    /// <summary>Always <c>function</c> here.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The function's name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>What the function does, for the model.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>The function's parameters, a JSON Schema object.</summary>
    [JsonPropertyName("parameters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public JsonElement? Parameters { get; set; }

    /// <summary>Whether the model must follow the schema exactly.</summary>
    [JsonPropertyName("strict")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public bool? Strict { get; set; }
}

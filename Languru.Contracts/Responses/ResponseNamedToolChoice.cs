using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>A <c>tool_choice</c> that forces one function: <c>{"type":"function","name":…}</c>.</summary>
public sealed class ResponseNamedToolChoice
{
    /// <summary><c>function</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The function to call.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

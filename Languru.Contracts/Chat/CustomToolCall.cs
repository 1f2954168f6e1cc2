using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>The custom tool and input of a <c>custom</c> tool call.</summary>
public sealed class CustomToolCall
{
    /// <summary>The name of the custom tool called.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The input the model produced for the tool, free-form text.</summary>
    [JsonPropertyName("input")]
    public string? Input { get; set; }
}

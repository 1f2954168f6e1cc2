using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>Names a function.</summary>
public sealed class FunctionName
{
    /// <summary>The function name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>Forces the model to call one named function.</summary>
public sealed class NamedToolChoice
{
    /// <summary>Always <c>function</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The function to call.</summary>
    [JsonPropertyName("function")]
    public FunctionName? Function { get; init; }
}

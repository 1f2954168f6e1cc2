using System.Text.Json.Serialization;

namespace Languru.Contracts.Errors;

/// <summary>The OpenAI error envelope: <c>{"error":{"message","type","param","code"}}</c>.</summary>
public sealed class ErrorResponse
{
    /// <summary>The error.</summary>
    [JsonPropertyName("error")]
    public required ErrorDetail Error { get; init; }
}

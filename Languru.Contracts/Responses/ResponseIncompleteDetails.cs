using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>Why a response is incomplete.</summary>
public sealed class ResponseIncompleteDetails
{
    /// <summary><c>max_output_tokens</c> or <c>content_filter</c>.</summary>
    [JsonPropertyName("reason")]
    public required string Reason { get; init; }
}

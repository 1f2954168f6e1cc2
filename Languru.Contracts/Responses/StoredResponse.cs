using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>
/// What the gateway keeps of a stored response (not sent to clients as such): the response, the conversation that
/// led to it (the input items of this call after those of its <c>previous_response_id</c> chain, each with an id),
/// and who created it. Serialised with <see cref="LanguruJsonContext"/>, so any store can keep it as JSON.
/// </summary>
public sealed class StoredResponse
{
    /// <summary>The response as it was returned.</summary>
    [JsonPropertyName("response")]
    public required ResponseObject Response { get; init; }

    /// <summary>The conversation before the response's output.</summary>
    [JsonPropertyName("input_items")]
    public required IReadOnlyList<ResponseItem> InputItems { get; init; }

    /// <summary>The API key name that created it; null when the gateway runs without keys.</summary>
    [JsonPropertyName("owner")]
    public string? Owner { get; init; }
}

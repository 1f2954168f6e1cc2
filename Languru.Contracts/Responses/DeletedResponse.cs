using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>The answer to <c>DELETE /v1/responses/{id}</c>.</summary>
public sealed class DeletedResponse
{
    /// <summary>The deleted response's id.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Always <c>response.deleted</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType { get; init; } = "response.deleted";

    /// <summary>Always true.</summary>
    [JsonPropertyName("deleted")]
    public bool Deleted { get; init; } = true;
}

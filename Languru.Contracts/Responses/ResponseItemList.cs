using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>A page of a stored response's input items (<c>GET /v1/responses/{id}/input_items</c>).</summary>
public sealed class ResponseItemList
{
    /// <summary>Always <c>list</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType { get; init; } = "list";

    /// <summary>The items of this page.</summary>
    [JsonPropertyName("data")]
    public required IReadOnlyList<ResponseItem> Data { get; init; }

    /// <summary>Whether more items follow (ask again with <c>after</c> set to <see cref="LastId"/>).</summary>
    [JsonPropertyName("has_more")]
    public required bool HasMore { get; init; }

    /// <summary>The id of the page's first item.</summary>
    [JsonPropertyName("first_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FirstId { get; init; }

    /// <summary>The id of the page's last item.</summary>
    [JsonPropertyName("last_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? LastId { get; init; }
}

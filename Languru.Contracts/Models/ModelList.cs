using System.Text.Json.Serialization;

namespace Languru.Contracts.Models;

/// <summary>The answer of <c>GET /v1/models</c>.</summary>
public sealed class ModelList
{
    /// <summary>Always <c>list</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType { get; init; } = "list";

    /// <summary>The models.</summary>
    [JsonPropertyName("data")]
    public required IReadOnlyList<Model> Data { get; init; }
}

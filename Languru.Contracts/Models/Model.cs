using System.Text.Json.Serialization;

namespace Languru.Contracts.Models;

/// <summary>A model the gateway can route to.</summary>
public sealed class Model
{
    /// <summary>The name to send as <c>model</c>.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Always <c>model</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType { get; init; } = "model";

    /// <summary>When the model was created (Unix seconds), as the upstream reports it, or when the gateway started.</summary>
    [JsonPropertyName("created")]
    public required long Created { get; init; }

    /// <summary>The provider that serves it, e.g. <c>echo</c>, <c>openai</c>, <c>ollama</c>.</summary>
    [JsonPropertyName("owned_by")]
    public required string OwnedBy { get; init; }
}

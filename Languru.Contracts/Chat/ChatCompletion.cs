using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>A whole (non-streamed) answer: <c>object: "chat.completion"</c>.</summary>
public sealed class ChatCompletion
{
    /// <summary>A unique id, <c>chatcmpl-…</c>.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Always <c>chat.completion</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType { get; init; } = "chat.completion";

    /// <summary>When the completion was created, in Unix seconds.</summary>
    [JsonPropertyName("created")]
    public required long Created { get; init; }

    /// <summary>The model name the client asked for.</summary>
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    /// <summary>The choices, one per <c>n</c>.</summary>
    [JsonPropertyName("choices")]
    public required IReadOnlyList<ChatCompletionChoice> Choices { get; init; }

    /// <summary>Token counts for the request.</summary>
    [JsonPropertyName("usage")]
    public CompletionUsage? Usage { get; init; }

    /// <summary>The upstream's backend configuration fingerprint, when it sends one.</summary>
    [JsonPropertyName("system_fingerprint")]
    public string? SystemFingerprint { get; init; }

    /// <summary>The processing tier the upstream used, when it says.</summary>
    [JsonPropertyName("service_tier")]
    public string? ServiceTier { get; init; }
}

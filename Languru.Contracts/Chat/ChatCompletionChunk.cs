using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>One server-sent event of a streamed answer: <c>object: "chat.completion.chunk"</c>.</summary>
public sealed class ChatCompletionChunk
{
    /// <summary>The completion id, the same on every chunk of one answer.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Always <c>chat.completion.chunk</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType { get; init; } = "chat.completion.chunk";

    /// <summary>When the completion was created, in Unix seconds; the same on every chunk.</summary>
    [JsonPropertyName("created")]
    public required long Created { get; init; }

    /// <summary>The model name the client asked for; the same on every chunk.</summary>
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    /// <summary>The upstream's backend configuration fingerprint, when it sends one.</summary>
    [JsonPropertyName("system_fingerprint")]
    public string? SystemFingerprint { get; init; }

    /// <summary>The deltas in this event. Empty on the final usage chunk.</summary>
    [JsonPropertyName("choices")]
    public required IReadOnlyList<ChatCompletionChunkChoice> Choices { get; init; }

    /// <summary>Token counts; only on the final chunk, and only with <c>stream_options.include_usage</c>.</summary>
    [JsonPropertyName("usage")]
    public CompletionUsage? Usage { get; init; }
}

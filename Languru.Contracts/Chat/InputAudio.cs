using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>Base64-encoded audio input.</summary>
public sealed class InputAudio
{
    /// <summary>The base64-encoded audio.</summary>
    [JsonPropertyName("data")]
    public string? Data { get; set; }

    /// <summary>The audio format: <c>wav</c> or <c>mp3</c>.</summary>
    [JsonPropertyName("format")]
    public string? Format { get; set; }
}

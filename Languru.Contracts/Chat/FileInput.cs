using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>A file given inline (base64) or by an upstream file id.</summary>
public sealed class FileInput
{
    /// <summary>The base64-encoded file, as a <c>data:</c> URL.</summary>
    [JsonPropertyName("file_data")]
    public string? FileData { get; set; }

    /// <summary>The id of a file uploaded to the upstream.</summary>
    [JsonPropertyName("file_id")]
    public string? FileId { get; set; }

    /// <summary>The file name.</summary>
    [JsonPropertyName("filename")]
    public string? Filename { get; set; }
}

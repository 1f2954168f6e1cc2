using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>An image given by URL or as a base64 <c>data:</c> URL.</summary>
public sealed class ImageUrl
{
    /// <summary>An <c>https:</c> URL or a <c>data:image/…;base64,…</c> URL.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; set; }

    /// <summary><c>auto</c>, <c>low</c> or <c>high</c>.</summary>
    [JsonPropertyName("detail")]
    public string? Detail { get; set; }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>
/// A content part: <c>input_text</c>, <c>input_image</c> and <c>input_file</c> in input; <c>output_text</c> and
/// <c>refusal</c> in assistant messages; <c>reasoning_text</c> in reasoning items. One flat type.
/// </summary>
public sealed class ResponseContentPart
{
    /// <summary>The part's type.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The text of <c>input_text</c>, <c>output_text</c> and <c>reasoning_text</c> parts.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; set; }

    /// <summary>The refusal text of a <c>refusal</c> part.</summary>
    [JsonPropertyName("refusal")]
    public string? Refusal { get; set; }

    /// <summary>An <c>input_image</c>'s URL: http(s) or a base64 data URL.</summary>
    [JsonPropertyName("image_url")]
    public string? ImageUrl { get; set; }

    /// <summary>An uploaded file's id (<c>input_image</c>, <c>input_file</c>).</summary>
    [JsonPropertyName("file_id")]
    public string? FileId { get; set; }

    /// <summary>An <c>input_image</c>'s detail: <c>low</c>, <c>high</c> or <c>auto</c>.</summary>
    [JsonPropertyName("detail")]
    public string? Detail { get; set; }

    /// <summary>An <c>input_file</c>'s content, as a base64 data URL.</summary>
    [JsonPropertyName("file_data")]
    public string? FileData { get; set; }

    /// <summary>An <c>input_file</c>'s name.</summary>
    [JsonPropertyName("filename")]
    public string? Filename { get; set; }

    /// <summary>An <c>input_file</c>'s URL.</summary>
    [JsonPropertyName("file_url")]
    public string? FileUrl { get; set; }

    /// <summary>An <c>output_text</c>'s annotations (always empty from this gateway).</summary>
    [JsonPropertyName("annotations")]
    public IReadOnlyList<JsonElement>? Annotations { get; set; }

    /// <summary>An <c>output_text</c>'s log probabilities (always empty from this gateway).</summary>
    [JsonPropertyName("logprobs")]
    public IReadOnlyList<JsonElement>? Logprobs { get; set; }
}

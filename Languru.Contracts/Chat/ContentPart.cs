using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>One part of a multi-part message: <c>text</c>, <c>image_url</c>, <c>input_audio</c>, <c>file</c> or <c>refusal</c>.</summary>
public sealed class ContentPart
{
    /// <summary>The part type: <c>text</c>, <c>image_url</c>, <c>input_audio</c>, <c>file</c> or <c>refusal</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The text of a <c>text</c> part.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; set; }

    /// <summary>The image of an <c>image_url</c> part.</summary>
    [JsonPropertyName("image_url")]
    public ImageUrl? ImageUrl { get; set; }

    /// <summary>The audio of an <c>input_audio</c> part.</summary>
    [JsonPropertyName("input_audio")]
    public InputAudio? InputAudio { get; set; }

    /// <summary>The file of a <c>file</c> part.</summary>
    [JsonPropertyName("file")]
    public FileInput? File { get; set; }

    /// <summary>The refusal text of a <c>refusal</c> part (assistant messages).</summary>
    [JsonPropertyName("refusal")]
    public string? Refusal { get; set; }
}

using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>Message content: either plain text or an array of content parts (text, image, audio, file).</summary>
[JsonConverter(typeof(MessageContentJsonConverter))]
public sealed class MessageContent
{
    /// <summary>Creates text content.</summary>
    /// <param name="text">The text.</param>
    public MessageContent(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
    }

    /// <summary>Creates content made of parts.</summary>
    /// <param name="parts">The parts, in order.</param>
    public MessageContent(IReadOnlyList<ContentPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        Parts = parts;
    }

    /// <summary>The text, when the content was sent as a string.</summary>
    public string? Text { get; }

    /// <summary>The parts, when the content was sent as an array.</summary>
    public IReadOnlyList<ContentPart>? Parts { get; }

    /// <summary>Creates text content.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator MessageContent(string text) => new(text);

    /// <summary>Creates text content.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The content.</returns>
    public static MessageContent FromString(string text) => new(text);
}

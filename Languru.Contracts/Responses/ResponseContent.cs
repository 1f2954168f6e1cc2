using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>
/// The content of a message item, or the output of a <c>function_call_output</c>: a string or an array of content
/// parts. The gateway always answers with parts.
/// </summary>
[JsonConverter(typeof(ResponseContentJsonConverter))]
public sealed class ResponseContent
{
    /// <summary>Creates text content.</summary>
    /// <param name="text">The text.</param>
    public ResponseContent(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
    }

    /// <summary>Creates content made of parts.</summary>
    /// <param name="parts">The parts, in order.</param>
    public ResponseContent(IReadOnlyList<ResponseContentPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        Parts = parts;
    }

    /// <summary>The text, when the content was sent as a string.</summary>
    public string? Text { get; }

    /// <summary>The parts, when the content was sent as an array.</summary>
    public IReadOnlyList<ResponseContentPart>? Parts { get; }

    /// <summary>Creates text content.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator ResponseContent(string text) => new(text);

    /// <summary>Creates text content.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The content.</returns>
    public static ResponseContent FromString(string text) => new(text);
}

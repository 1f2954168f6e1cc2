using System.Text;

namespace Languru.Providers.OpenAI;

/// <summary>An upstream answered a stream request with <c>200</c> and a body that is not server-sent events (an HTML page, a JSON object).</summary>
internal sealed class NotAStreamException : Exception
{
    public NotAStreamException(string contentType, string bodyStart)
        : base($"The upstream answered a stream request with '{contentType}', not server-sent events.")
    {
        ContentType = contentType;
        BodyStart = bodyStart;
    }

    public NotAStreamException()
    {
    }

    public NotAStreamException(string message)
        : base(message)
    {
    }

    public NotAStreamException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How much of the body is kept, for the debug log.</summary>
    private const int BodyStartLength = 2048;

    /// <summary>The failure for a stream request's <paramref name="body"/> of <paramref name="mediaType"/>, with the body's start.</summary>
    public static async Task<NotAStreamException> ReadAsync(string mediaType, Stream body, CancellationToken cancellationToken)
    {
        var start = new byte[BodyStartLength];
        var length = await body.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, cancellationToken);
        return new NotAStreamException(mediaType, Encoding.UTF8.GetString(start, 0, length));
    }

    /// <summary>As <see cref="ReadAsync"/>, for a synchronous pipeline.</summary>
    public static NotAStreamException Read(string mediaType, Stream body)
    {
        var start = new byte[BodyStartLength];
        var length = body.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        return new NotAStreamException(mediaType, Encoding.UTF8.GetString(start, 0, length));
    }

    /// <summary>
    /// Whether a stream request's answer of this media type is refused: anything but <c>text/event-stream</c> and the
    /// generic <c>text/plain</c> and <c>application/octet-stream</c> some servers send (those are left to the body: a
    /// stream without events fails too).
    /// </summary>
    public static bool Refuses(string mediaType) =>
        !mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase) &&
        !mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase) &&
        !mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase);

    /// <summary>The media type the upstream sent.</summary>
    public string? ContentType { get; }

    /// <summary>The first bytes of the body, for the debug log only (it may quote content).</summary>
    public string? BodyStart { get; }
}

namespace Languru.Providers.OpenAI;

/// <summary>An upstream sent an <c>error</c> event in the middle of a stream; <see cref="Exception.Message"/> is the event as sent.</summary>
internal sealed class UpstreamStreamException : IOException
{
    public UpstreamStreamException(string message, string? upstreamMessage)
        : base(message)
    {
        UpstreamMessage = upstreamMessage;
    }

    public UpstreamStreamException(string message)
        : base(message)
    {
    }

    public UpstreamStreamException()
    {
    }

    public UpstreamStreamException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The event's <c>error.message</c> when it is OpenAI-shaped (<c>{"error":{"message":"…"}}</c>), the only text clients may see.</summary>
    public string? UpstreamMessage { get; }
}

namespace Languru.Providers.OpenAI;

/// <summary>An upstream sent an <c>error</c> event in the middle of a stream.</summary>
internal sealed class UpstreamStreamException : IOException
{
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
}

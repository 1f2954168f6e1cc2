using System.Globalization;

namespace Languru.Providers.OpenAI;

/// <summary>An upstream answered the wire path's request with an error status (the SDK path's equivalent is its <c>ClientResultException</c>).</summary>
internal sealed class OpenAIHttpException : Exception
{
    public OpenAIHttpException(int status)
        : base($"The upstream answered {status.ToString(CultureInfo.InvariantCulture)}.")
    {
        Status = status;
    }

    public OpenAIHttpException()
    {
    }

    public OpenAIHttpException(string message)
        : base(message)
    {
    }

    public OpenAIHttpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Status { get; }
}

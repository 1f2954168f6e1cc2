using System.Globalization;

namespace Languru.Providers.OpenAI;

/// <summary>
/// An upstream answered the wire path's request with an error status (the SDK path's equivalent is its
/// <c>ClientResultException</c>). It has no constructor without the status: one without would say the upstream
/// answered 0.
/// </summary>
internal sealed class OpenAIHttpException : Exception
{
    public OpenAIHttpException(int status)
        : base($"The upstream answered {status.ToString(CultureInfo.InvariantCulture)}.")
    {
        Status = status;
    }

    public int Status { get; }
}

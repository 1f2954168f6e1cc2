namespace Languru.Providers.Chat;

/// <summary>
/// A failure a provider (or the router) reports in gateway terms. The API maps <see cref="Kind"/> to an HTTP status
/// and the OpenAI error envelope. Messages must never contain secrets.
/// </summary>
public sealed class ChatProviderException : Exception
{
    /// <summary>Creates an exception of kind <see cref="ChatProviderErrorKind.UpstreamError"/>.</summary>
    public ChatProviderException()
        : this(ChatProviderErrorKind.UpstreamError, "The upstream provider failed.")
    {
    }

    /// <summary>Creates an exception of kind <see cref="ChatProviderErrorKind.UpstreamError"/>.</summary>
    /// <param name="message">What went wrong, safe to show to the client.</param>
    public ChatProviderException(string message)
        : this(ChatProviderErrorKind.UpstreamError, message)
    {
    }

    /// <summary>Creates an exception of kind <see cref="ChatProviderErrorKind.UpstreamError"/>.</summary>
    /// <param name="message">What went wrong, safe to show to the client.</param>
    /// <param name="innerException">The cause.</param>
    public ChatProviderException(string message, Exception? innerException)
        : this(ChatProviderErrorKind.UpstreamError, message, innerException)
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="kind">What kind of failure it is.</param>
    /// <param name="message">What went wrong, safe to show to the client.</param>
    /// <param name="innerException">The cause.</param>
    public ChatProviderException(ChatProviderErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>What kind of failure it is.</summary>
    public ChatProviderErrorKind Kind { get; }

    /// <summary>The request field at fault, e.g. <c>messages[0].content[1].image_url</c>.</summary>
    public string? Param { get; init; }

    /// <summary>A machine-readable code, e.g. <c>model_not_found</c>; null for the kind's default.</summary>
    public string? Code { get; init; }

    /// <summary>How long the client should wait before retrying, when known.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

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

    /// <summary>The configured name of the provider that failed, when a provider did (set by the provider's error mapping).</summary>
    public string? Provider { get; set; }

    /// <summary>The model id the provider was asked for (client input: escape it before logging; see <see cref="LogText"/>).</summary>
    public string? Model { get; set; }

    /// <summary>The status the upstream answered with; null when it sent none (unreachable, time-out, broken stream).</summary>
    public int? UpstreamStatus { get; init; }

    /// <summary>
    /// What the upstream said or where it was (its text, its address, the transport's message), for the log at debug
    /// level only: it can quote message content, so it never reaches clients or higher log levels.
    /// </summary>
    public string? Detail { get; init; }

    /// <summary>
    /// Whether the same request may succeed if sent again (or to another target): the upstream was unreachable,
    /// busy, rate-limiting, slow, or failed on its side. False for what the request itself caused (4xx) and for a
    /// refused gateway key. Whether a retry is safe also depends on whether the client has seen a byte yet: once a
    /// stream has started, the API cannot take it back.
    /// </summary>
    public bool IsTransient => Kind switch
    {
        ChatProviderErrorKind.RateLimited or ChatProviderErrorKind.Unavailable or ChatProviderErrorKind.Timeout => true,
        ChatProviderErrorKind.UpstreamError => Code != UpstreamAuthFailedCode,
        _ => false,
    };

    /// <summary>The <see cref="Code"/> of an upstream that refused the gateway's own credentials.</summary>
    public const string UpstreamAuthFailedCode = "upstream_auth_failed";
}

namespace Languru.Providers.Chat;

/// <summary>The failure classes the API maps to statuses (see <c>docs/architecture.md</c>).</summary>
public enum ChatProviderErrorKind
{
    /// <summary>
    /// The upstream failed on its side (5xx other than 503), answered with something unusable (not JSON, not a stream),
    /// broke the connection, or ended a stream before it finished (502).
    /// </summary>
    UpstreamError,

    /// <summary>The request cannot be served as sent (400).</summary>
    InvalidRequest,

    /// <summary>No provider serves the model, or its provider is not configured (404).</summary>
    ModelNotFound,

    /// <summary>The upstream rate-limited the request (429).</summary>
    RateLimited,

    /// <summary>The upstream could not be reached (refused, unknown host, TLS, <c>ConnectTimeout</c>) or is overloaded (503).</summary>
    Unavailable,

    /// <summary>The upstream did not answer in time: <c>TimeToFirstToken</c>, <c>IdleTimeout</c> or <c>Timeout</c> ran out (504).</summary>
    Timeout,
}

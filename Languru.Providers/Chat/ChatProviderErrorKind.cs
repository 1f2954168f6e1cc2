namespace Languru.Providers.Chat;

/// <summary>The failure classes the API maps to statuses (see <c>docs/architecture.md</c>).</summary>
public enum ChatProviderErrorKind
{
    /// <summary>The upstream failed or answered with something unusable (502).</summary>
    UpstreamError,

    /// <summary>The request cannot be served as sent (400).</summary>
    InvalidRequest,

    /// <summary>No provider serves the model, or its provider is not configured (404).</summary>
    ModelNotFound,

    /// <summary>The upstream rate-limited the request (429).</summary>
    RateLimited,

    /// <summary>The upstream is unreachable or overloaded (503).</summary>
    Unavailable,

    /// <summary>The upstream did not answer in time (504).</summary>
    Timeout,
}

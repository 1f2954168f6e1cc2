using Languru.Api.Limits;

namespace Languru.Api.Access;

/// <summary>
/// One API key, under <c>Languru:Keys:&lt;name&gt;</c>. The name is what logs, metrics and errors show; the key itself
/// never is. Exactly one of <see cref="Key"/>, <see cref="KeyEnvironmentVariable"/> and <see cref="KeyHash"/> is set.
/// </summary>
public sealed class ApiKeyOptions : RateLimitOptions
{
    /// <summary>The key itself (for development; prefer the other two in files that are shared).</summary>
    public string? Key { get; set; }

    /// <summary>The environment variable (or configuration key) that holds the key.</summary>
    public string? KeyEnvironmentVariable { get; set; }

    /// <summary>The key's SHA-256, as <c>sha256:&lt;64 hex digits&gt;</c>, so that the configuration holds no secret.</summary>
    public string? KeyHash { get; set; }

    /// <summary>The model names this key may use: exact names (aliases included) and <c>prefix*</c> patterns. Unset: all.</summary>
    public IList<string> Models { get; } = [];
}

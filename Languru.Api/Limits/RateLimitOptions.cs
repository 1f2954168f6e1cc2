namespace Languru.Api.Limits;

/// <summary>
/// A caller's rate limits (per API key under <c>Languru:Keys:&lt;name&gt;</c>, per client IP in open mode under
/// <c>Languru:Limits:Anonymous</c>). Unset means unlimited.
/// </summary>
public class RateLimitOptions
{
    /// <summary>Requests per minute; a request with <c>n</c> choices counts <c>n</c> times.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Tokens per minute: an estimate is charged before the call and corrected with the reported usage.</summary>
    public long? TokensPerMinute { get; set; }

    /// <summary>Requests in progress at once (a stream holds its slot until it ends or is cancelled).</summary>
    public int? MaxConcurrentRequests { get; set; }

    internal bool IsUnlimited => RequestsPerMinute is null && TokensPerMinute is null && MaxConcurrentRequests is null;

    /// <summary>Every problem with these limits, each naming its setting under <paramref name="section"/>.</summary>
    internal IEnumerable<string> Validate(string section)
    {
        if (RequestsPerMinute is < 1)
        {
            yield return $"{section}:RequestsPerMinute must be at least 1 (leave it unset for no limit).";
        }

        if (TokensPerMinute is < 1)
        {
            yield return $"{section}:TokensPerMinute must be at least 1 (leave it unset for no limit).";
        }

        if (MaxConcurrentRequests is < 1)
        {
            yield return $"{section}:MaxConcurrentRequests must be at least 1 (leave it unset for no limit).";
        }
    }
}

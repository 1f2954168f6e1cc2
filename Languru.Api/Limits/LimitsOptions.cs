namespace Languru.Api.Limits;

/// <summary>The gateway's limits, bound from <c>Languru:Limits</c>.</summary>
public sealed class LimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Languru:Limits";

    /// <summary>In open mode (no API keys), the limits each client IP address gets. Default: none.</summary>
    public RateLimitOptions Anonymous { get; set; } = new();
}

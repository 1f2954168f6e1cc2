namespace Languru.Api.Limits;

/// <summary>
/// The gateway's limits, bound from <c>Languru:Limits</c>: what one request may ask of the gateway, so that no single
/// request can exhaust it or its upstreams (beyond a limit the request is refused with a 400 naming the setting), and
/// in open mode the rate limits per client IP. Checked by <see cref="LimitsOptionsValidator"/>. See docs/configuration.md.
/// </summary>
public sealed class LimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Languru:Limits";

    /// <summary>
    /// The largest <c>n</c> (choices per request). Each choice is one provider call and one answer held in memory, so
    /// <c>n</c> multiplies both. Default 8; OpenAI's own maximum, 128, is the highest allowed.
    /// </summary>
    public int MaxChoices { get; set; } = 8;

    /// <summary>The largest number of <c>messages</c> in one request. Default 2,048.</summary>
    public int MaxMessages { get; set; } = 2_048;

    /// <summary>In open mode (no API keys), the limits each client IP address gets. Default: none.</summary>
    public RateLimitOptions Anonymous { get; set; } = new();
}

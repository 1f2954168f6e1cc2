using System.ComponentModel.DataAnnotations;

namespace Languru.Api.Limits;

/// <summary>
/// What one request may ask of the gateway (<c>Languru:Limits</c>), so that no single request can exhaust it or its
/// upstreams. Beyond a limit the request is refused with a 400 naming the setting. See docs/configuration.md.
/// </summary>
public sealed class LimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Languru:Limits";

    /// <summary>
    /// The largest <c>n</c> (choices per request). Each choice is one provider call and one answer held in memory, so
    /// <c>n</c> multiplies both. Default 8; OpenAI's own maximum, 128, is the highest allowed.
    /// </summary>
    [Range(1, 128, ErrorMessage = "Languru:Limits:MaxChoices must be between 1 and 128 (OpenAI's own maximum).")]
    public int MaxChoices { get; set; } = 8;

    /// <summary>The largest number of <c>messages</c> in one request. Default 2,048.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Languru:Limits:MaxMessages must be between 1 and 1000000.")]
    public int MaxMessages { get; set; } = 2_048;
}

using System.ComponentModel.DataAnnotations;

namespace Languru.Api.Responses;

/// <summary>Settings of stored responses (<c>Languru:Responses</c>).</summary>
public sealed class ResponsesOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Languru:Responses";

    /// <summary>How many responses the in-memory store keeps; the oldest go first. Default 10000.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "MaxStored must be at least 1.")]
    public int MaxStored { get; set; } = 10_000;

    /// <summary>How long a stored response is kept after it was stored. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "TimeToLive must be between 00:00:01 and 3650 days.")]
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(1);
}

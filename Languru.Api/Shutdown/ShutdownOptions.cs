using System.ComponentModel.DataAnnotations;

namespace Languru.Api.Shutdown;

/// <summary>How the gateway stops (<c>Languru:Shutdown</c>); see docs/reliability.md.</summary>
public sealed class ShutdownOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Languru:Shutdown";

    /// <summary>
    /// How long the gateway keeps serving, with <c>/health/ready</c> already answering 503, after a stop was asked for
    /// (SIGTERM, Ctrl+C): the time a load balancer needs to notice and send traffic elsewhere. Default 0.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "DrainDelay must be between 00:00:00 and 00:10:00.")]
    public TimeSpan DrainDelay { get; set; }
}

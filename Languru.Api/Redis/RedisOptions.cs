using System.ComponentModel.DataAnnotations;

namespace Languru.Api.Redis;

/// <summary>
/// <c>Languru:Redis</c>: the shared store that lets several gateway instances agree on rate limits, stored responses
/// and the cool-downs of failing route targets. Off (everything in memory, per instance) unless a configuration is set.
/// </summary>
public sealed class RedisOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Languru:Redis";

    /// <summary>A StackExchange.Redis configuration string (<c>host:port,password=…</c>); <c>ConnectionStrings:redis</c> works too.</summary>
    public string? Configuration { get; set; }

    /// <summary>When Redis can't be reached: false (default) counts limits per instance; true refuses limited requests with 503.</summary>
    public bool FailClosed { get; set; }

    /// <summary>How long a concurrency slot outlives an instance that died holding it (renewed every third of it while held).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The prefix of every key the gateway writes, so that one Redis can serve several deployments.</summary>
    [Required(AllowEmptyStrings = false)]
    public string KeyPrefix { get; set; } = "languru:";
}

namespace Languru.Providers.Routing;

/// <summary>The settings every provider has, whatever its type (<c>Languru:Providers:&lt;name&gt;</c>).</summary>
public sealed class ProviderRouteOptions
{
    /// <summary>The provider type: <c>echo</c>, <c>openai</c> or <c>ollama</c>. Defaults to the provider's name.</summary>
    public string? Type { get; set; }

    /// <summary>True or false to force the provider on or off; unset lets the type decide (e.g. OpenAI: when a key is set).</summary>
    public bool? Enabled { get; set; }

    /// <summary>Model names the provider serves: exact names, or <c>prefix*</c> patterns.</summary>
    public List<string> Models { get; } = [];

    /// <summary>
    /// How often a failed call (429, 5xx, unreachable, time-out) is retried on this provider before the gateway moves
    /// on (to a route's next target) or answers with the error. Default 0: see docs/providers.md#retries.
    /// </summary>
    public int MaxRetries { get; set; }

    /// <summary>The first retry's back-off; each further retry doubles it, with jitter. Default half a second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>No retry starts later than this after the first attempt (a longer <c>Retry-After</c> is not waited for). Default 30 seconds.</summary>
    public TimeSpan MaxRetryDuration { get; set; } = TimeSpan.FromSeconds(30);
}

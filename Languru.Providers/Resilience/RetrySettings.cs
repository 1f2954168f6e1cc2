using Languru.Providers.Routing;

namespace Languru.Providers.Resilience;

/// <summary>A provider's retries (<see cref="ProviderRouteOptions.MaxRetries"/> and its companions).</summary>
/// <param name="MaxRetries">Retries after the first attempt.</param>
/// <param name="Delay">The first back-off; doubled for each further retry.</param>
/// <param name="MaxDuration">No retry starts later than this after the first attempt.</param>
internal sealed record RetrySettings(int MaxRetries, TimeSpan Delay, TimeSpan MaxDuration)
{
    public static RetrySettings None { get; } = new(0, TimeSpan.Zero, TimeSpan.Zero);

    public static RetrySettings From(ProviderRouteOptions options) => new(options.MaxRetries, options.RetryDelay, options.MaxRetryDuration);

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1, 2, …): the back-off doubled per retry with "equal
    /// jitter" (half fixed, half random, so that gateways that failed together do not retry together), and never
    /// shorter than the upstream's <c>Retry-After</c>.
    /// </summary>
    /// <param name="retry">Which retry this is, from 1.</param>
    /// <param name="retryAfter">What the upstream asked for, if anything.</param>
    /// <param name="random">A number in [0, 1).</param>
    /// <returns>The wait.</returns>
    public TimeSpan Wait(int retry, TimeSpan? retryAfter, double random)
    {
        var backoff = Delay * Math.Pow(2, Math.Min(retry - 1, 20));
        if (backoff > MaxDuration)
        {
            backoff = MaxDuration;
        }

        var jittered = backoff * (0.5 + (random / 2));
        return retryAfter > jittered ? retryAfter.Value : jittered;
    }
}

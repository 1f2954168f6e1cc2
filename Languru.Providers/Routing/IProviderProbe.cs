namespace Languru.Providers.Routing;

/// <summary>Tells whether a provider's upstream answers, cheaply (for <c>/health/ready</c>).</summary>
public interface IProviderProbe
{
    /// <summary>
    /// Checks the upstream, from what is already known when it is recent enough (a cached model list), else with one
    /// cheap call. Only cancellation throws.
    /// </summary>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>The result.</returns>
    ValueTask<ProbeResult> ProbeAsync(CancellationToken cancellationToken);
}

namespace Languru.Providers.Resilience;

/// <summary>
/// The passive health of route targets: how often each failed in a row, when it last failed, and until when it cools
/// down (is skipped). Keys are target names (<c>provider/model</c>). The default keeps them in memory; a shared store
/// (Redis) lets several gateways agree on which upstream is down. Implementations must not throw when their backend is
/// unreachable: they answer "no failures known" instead, so that health never fails a request.
/// </summary>
public interface ICooldownStore
{
    /// <summary>The health of several targets at once (one round trip for a shared store).</summary>
    /// <param name="targets">The target names.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>One entry per target, in the same order; <see cref="TargetHealth.Healthy"/> for targets with no failures.</returns>
    ValueTask<IReadOnlyList<TargetHealth>> GetAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken);

    /// <summary>
    /// Records a failure. The target cools down for <paramref name="cooldown"/> when it has failed
    /// <paramref name="threshold"/> times in a row, or when it fails again after a cool-down (before any success).
    /// Failures further apart than two cool-downs do not add up.
    /// </summary>
    /// <param name="target">The target name.</param>
    /// <param name="threshold">Failures in a row that start a cool-down.</param>
    /// <param name="cooldown">How long the target is skipped.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>The target's health after the failure.</returns>
    ValueTask<TargetHealth> RecordFailureAsync(string target, int threshold, TimeSpan cooldown, CancellationToken cancellationToken);

    /// <summary>Records a success: the target's failures are forgotten.</summary>
    /// <param name="target">The target name.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>A task.</returns>
    ValueTask RecordSuccessAsync(string target, CancellationToken cancellationToken);
}

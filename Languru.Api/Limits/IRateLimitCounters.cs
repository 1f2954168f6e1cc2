using System.Threading.RateLimiting;

namespace Languru.Api.Limits;

/// <summary>
/// The counters that rate limits are checked and charged against. Windows are fixed, aligned to multiples of their
/// length since the Unix epoch, so that every gateway instance that shares a store agrees on them. The in-memory
/// default (<see cref="InMemoryRateLimitCounters"/>) serves one instance; a shared store (Redis) implements the same
/// three calls atomically on its side (a script per call, and slots as leases that expire if an instance dies).
/// </summary>
public interface IRateLimitCounters
{
    /// <summary>
    /// Checks and charges as one atomic step: every window in <paramref name="charges"/> is charged its cost only if
    /// each one has room for it; otherwise none is charged.
    /// </summary>
    /// <param name="partition">Whose counters: <c>key:&lt;name&gt;</c> or <c>ip:&lt;address&gt;</c>.</param>
    /// <param name="charges">The windows to charge (at most one per counter name).</param>
    /// <param name="now">The time of the request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was charged, and every window's state after the decision.</returns>
    ValueTask<RateLimitDecision> TryAcquireAsync(
        string partition, IReadOnlyList<WindowCharge> charges, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Corrects a charge once the real cost is known, without checking the limit: a positive
    /// <paramref name="amount"/> is charged to the current window; a negative one is given back only while the window
    /// that was charged at <paramref name="chargedAt"/> is still the current one, and never below zero.
    /// </summary>
    /// <param name="partition">Whose counters.</param>
    /// <param name="counter">The counter, e.g. <c>tokens</c>.</param>
    /// <param name="window">The counter's window length.</param>
    /// <param name="amount">What to add (negative: give back).</param>
    /// <param name="chargedAt">When the original charge was made.</param>
    /// <param name="now">The time of the correction.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the correction is recorded.</returns>
    ValueTask AdjustAsync(
        string partition, string counter, TimeSpan window, long amount, DateTimeOffset chargedAt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Takes one of <paramref name="limit"/> concurrency slots of the partition. When every slot is taken, the lease
    /// is not acquired. Disposing an acquired lease frees its slot (a shared store also lets it expire).
    /// </summary>
    /// <param name="partition">Whose slots.</param>
    /// <param name="limit">How many slots the partition has.</param>
    /// <param name="now">The time of the request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lease; check <see cref="RateLimitLease.IsAcquired"/>.</returns>
    ValueTask<RateLimitLease> TryAcquireSlotAsync(string partition, int limit, DateTimeOffset now, CancellationToken cancellationToken);
}

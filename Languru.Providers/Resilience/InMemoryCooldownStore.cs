using System.Collections.Concurrent;

namespace Languru.Providers.Resilience;

/// <summary>
/// The default <see cref="ICooldownStore"/>: this gateway's own view, in memory. Bounded in time (an entry lapses two
/// cool-downs after its last failure, or at the first success) and in size (at most <see cref="MaxEntries"/> targets;
/// the keys are configured targets, so the bound is only a guard).
/// </summary>
public sealed class InMemoryCooldownStore(TimeProvider timeProvider) : ICooldownStore
{
    /// <summary>The most targets remembered at once.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TargetHealth>> GetAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var now = timeProvider.GetUtcNow();
        var health = new TargetHealth[targets.Count];
        for (var i = 0; i < health.Length; i++)
        {
            health[i] = _entries.TryGetValue(targets[i], out var entry) && entry.ExpiresAt > now ? entry.Health : TargetHealth.Healthy;
        }

        return ValueTask.FromResult<IReadOnlyList<TargetHealth>>(health);
    }

    /// <inheritdoc />
    public ValueTask<TargetHealth> RecordFailureAsync(string target, int threshold, TimeSpan cooldown, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_entries.Count >= MaxEntries && !_entries.ContainsKey(target))
        {
            Trim(now);
        }

        var entry = _entries.AddOrUpdate(
            target,
            static (_, state) => Next(default, state.now, state.threshold, state.cooldown),
            static (_, entry, state) => Next(entry.ExpiresAt > state.now ? entry.Health : default, state.now, state.threshold, state.cooldown),
            (now, threshold, cooldown));
        return ValueTask.FromResult(entry.Health);
    }

    /// <inheritdoc />
    public ValueTask RecordSuccessAsync(string target, CancellationToken cancellationToken)
    {
        _entries.TryRemove(target, out _);
        return ValueTask.CompletedTask;
    }

    private static Entry Next(TargetHealth previous, DateTimeOffset now, int threshold, TimeSpan cooldown)
    {
        var failures = previous.Failures + 1;

        // A failure after a cool-down (before any success) starts the next one at once, as a circuit breaker's half-open state.
        var cooling = failures >= threshold || previous.CoolingUntil is not null;
        return new Entry(new TargetHealth(failures, now, cooling ? now + cooldown : null), now + cooldown + cooldown);
    }

    private void Trim(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.TryRemove(key, out _);
            }
        }

        if (_entries.Count >= MaxEntries)
        {
            // Still full of live entries: forget the one that lapses first.
            var oldest = _entries.MinBy(e => e.Value.ExpiresAt);
            _entries.TryRemove(oldest.Key, out _);
        }
    }

    private readonly record struct Entry(TargetHealth Health, DateTimeOffset ExpiresAt);
}

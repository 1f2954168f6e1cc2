using System.Threading.RateLimiting;

namespace Languru.Api.Limits;

/// <summary>
/// The default counters, for one gateway instance: fixed windows in a dictionary under one lock (each call holds it
/// for a few dictionary operations), and concurrency slots in System.Threading.RateLimiting's partitioned
/// <see cref="ConcurrencyLimiter"/> (which forgets idle partitions by itself). Bounded: ended windows are dropped
/// once <see cref="MaxWindows"/> are kept, and if that many are still live, the ones ending soonest go first.
/// </summary>
public sealed class InMemoryRateLimitCounters : IRateLimitCounters, IDisposable
{
    /// <summary>How many windows are kept at most (two per caller with both minute limits).</summary>
    public const int MaxWindows = 100_000;

    private readonly Dictionary<(string Partition, string Counter), Window> _windows = [];
    private readonly Lock _lock = new();
    private readonly PartitionedRateLimiter<(string Partition, int Limit)> _slots =
        PartitionedRateLimiter.Create<(string Partition, int Limit), (string Partition, int Limit)>(key =>
            RateLimitPartition.GetConcurrencyLimiter(key, k => new ConcurrencyLimiterOptions { PermitLimit = k.Limit, QueueLimit = 0 }));

    /// <summary>How many windows are kept now.</summary>
    public int WindowCount
    {
        get
        {
            lock (_lock)
            {
                return _windows.Count;
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<RateLimitDecision> TryAcquireAsync(
        string partition, IReadOnlyList<WindowCharge> charges, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(charges);
        var states = new WindowState[charges.Count];
        lock (_lock)
        {
            var windows = new Window[charges.Count];
            var allowed = true;
            for (var i = 0; i < charges.Count; i++)
            {
                windows[i] = Current(partition, charges[i].Counter, charges[i].Window, now);
                allowed &= windows[i].Used + charges[i].Cost <= charges[i].Limit;
            }

            for (var i = 0; i < charges.Count; i++)
            {
                var charge = charges[i];
                var hasRoom = windows[i].Used + charge.Cost <= charge.Limit;
                if (allowed)
                {
                    windows[i].Used += charge.Cost;
                }

                states[i] = new WindowState(charge.Counter, charge.Limit, Math.Max(0, charge.Limit - windows[i].Used), windows[i].End, hasRoom);
            }

            return ValueTask.FromResult(new RateLimitDecision(allowed, states));
        }
    }

    /// <inheritdoc/>
    public ValueTask AdjustAsync(
        string partition, string counter, TimeSpan window, long amount, DateTimeOffset chargedAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(counter);
        lock (_lock)
        {
            if (amount > 0)
            {
                Current(partition, counter, window, now).Used += amount;
            }
            else if (amount < 0
                && _windows.TryGetValue((partition, counter), out var charged)
                && charged.End > now
                && charged.End == WindowEnd(window, chargedAt))
            {
                charged.Used = Math.Max(0, charged.Used + amount);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<RateLimitLease> TryAcquireSlotAsync(string partition, int limit, DateTimeOffset now, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_slots.AttemptAcquire((partition, limit)));

    /// <inheritdoc/>
    public void Dispose() => _slots.Dispose();

    /// <summary>The end of the clock-aligned window of length <paramref name="window"/> that holds <paramref name="at"/>; every store uses it, so all agree.</summary>
    internal static DateTimeOffset WindowEnd(TimeSpan window, DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % window.Ticks) + window.Ticks, TimeSpan.Zero);

    /// <summary>The counter's window that holds <paramref name="now"/>, starting a new one when the last has ended.</summary>
    private Window Current(string partition, string counter, TimeSpan window, DateTimeOffset now)
    {
        var end = WindowEnd(window, now);
        if (_windows.TryGetValue((partition, counter), out var current))
        {
            if (current.End != end)
            {
                current.End = end;
                current.Used = 0;
            }

            return current;
        }

        if (_windows.Count >= MaxWindows)
        {
            Evict(now);
        }

        current = new Window { End = end };
        _windows[(partition, counter)] = current;
        return current;
    }

    private void Evict(DateTimeOffset now)
    {
        foreach (var (key, window) in _windows)
        {
            if (window.End <= now)
            {
                _windows.Remove(key);
            }
        }

        if (_windows.Count >= MaxWindows)
        {
            foreach (var key in _windows.OrderBy(w => w.Value.End).Take(_windows.Count - (MaxWindows * 9 / 10)).Select(w => w.Key).ToList())
            {
                _windows.Remove(key);
            }
        }
    }

    private sealed class Window
    {
        public DateTimeOffset End { get; set; }

        public long Used { get; set; }
    }
}

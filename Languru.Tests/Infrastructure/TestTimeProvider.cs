namespace Languru.Tests.Infrastructure;

/// <summary>
/// A clock pinned at <see cref="Now"/> whose timers either fire at once (recording what was asked for) or never
/// fire, so tests can check delays and cancellation without waiting or timing anything.
/// </summary>
public sealed class TestTimeProvider(DateTimeOffset now, bool timersFire = true) : TimeProvider
{
    public static readonly DateTimeOffset DefaultNow = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private readonly List<TimeSpan> _delays = [];

    public TestTimeProvider()
        : this(DefaultNow)
    {
    }

    public DateTimeOffset Now { get; private set; } = now;

    public void Advance(TimeSpan by) => Now += by;

    /// <summary>The due times of every timer created, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_delays)
            {
                return [.. _delays];
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_delays)
        {
            _delays.Add(dueTime);
        }

        if (timersFire)
        {
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new InertTimer();
    }

    private sealed class InertTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

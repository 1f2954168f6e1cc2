using Microsoft.Extensions.Time.Testing;

namespace Languru.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that jumps to each timer's due time as soon as the timer is created, and records
/// the due times: waits (retry back-offs) take no real time, and tests can check what was waited for.
/// </summary>
public sealed class SteppingTimeProvider() : FakeTimeProvider(TestClock.Start)
{
    private readonly List<TimeSpan> _waits = [];

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_waits)
            {
                return [.. _waits];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_waits)
            {
                _waits.Add(dueTime);
            }

            Advance(dueTime);
        }

        return timer;
    }
}

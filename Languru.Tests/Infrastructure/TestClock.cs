using Microsoft.Extensions.Time.Testing;

namespace Languru.Tests.Infrastructure;

/// <summary>
/// The instant every test clock starts at, so <c>created</c> timestamps are known. The clock itself is
/// <see cref="FakeTimeProvider"/>: time and timers move only when a test calls <c>Advance</c>.
/// </summary>
public static class TestClock
{
    public static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public static FakeTimeProvider Create() => new(Start);
}

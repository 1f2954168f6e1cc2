using Languru.Api.Limits;

namespace Languru.Tests.Api.Limits;

public class InMemoryRateLimitCountersTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    // 10 seconds into a minute window.
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_699_999_990);

    private static WindowCharge Requests(long cost, long limit = 3) => new("requests", limit, cost, Minute);

    private static WindowCharge Tokens(long cost, long limit = 100) => new("tokens", limit, cost, Minute);

    [Test]
    public async Task TryAcquire_WithinLimits_ChargesAndReportsRemainingAndReset()
    {
        // Arrange
        using var counters = new InMemoryRateLimitCounters();

        // Act
        var decision = await counters.TryAcquireAsync("key:a", [Requests(1), Tokens(40)], Now, CancellationToken.None);

        // Assert
        Assert.That(decision.IsAllowed, Is.True);
        Assert.That(decision.Windows, Is.EqualTo(new[]
        {
            new WindowState("requests", 3, 2, Now.AddSeconds(50), true),
            new WindowState("tokens", 100, 60, Now.AddSeconds(50), true),
        }));
    }

    [Test]
    public async Task TryAcquire_OneWindowFull_ChargesNone()
    {
        // Arrange
        using var counters = new InMemoryRateLimitCounters();
        await counters.TryAcquireAsync("key:a", [Tokens(90)], Now, CancellationToken.None);

        // Act
        var refused = await counters.TryAcquireAsync("key:a", [Requests(1), Tokens(20)], Now, CancellationToken.None);
        var after = await counters.TryAcquireAsync("key:a", [Requests(3), Tokens(10)], Now, CancellationToken.None);

        // Assert
        Assert.That(refused.IsAllowed, Is.False);
        Assert.That(refused.Windows.Select(w => (w.Remaining, w.HasRoom)), Is.EqualTo(new[] { (3L, true), (10L, false) }));
        Assert.That(after.IsAllowed, Is.True, "the refused request charged nothing");
        Assert.That(after.Windows.Select(w => w.Remaining), Is.EqualTo(new[] { 0L, 0L }));
    }

    [Test]
    public async Task TryAcquire_NextWindow_StartsFromZero()
    {
        // Arrange
        using var counters = new InMemoryRateLimitCounters();
        await counters.TryAcquireAsync("key:a", [Requests(3)], Now, CancellationToken.None);

        // Act
        var stillFull = await counters.TryAcquireAsync("key:a", [Requests(1)], Now.AddSeconds(49.999), CancellationToken.None);
        var next = await counters.TryAcquireAsync("key:a", [Requests(1)], Now.AddSeconds(50), CancellationToken.None);

        // Assert
        Assert.That(stillFull.IsAllowed, Is.False);
        Assert.That(next.IsAllowed, Is.True);
        Assert.That(next.Windows[0], Is.EqualTo(new WindowState("requests", 3, 2, Now.AddSeconds(110), true)));
    }

    [Test]
    public async Task TryAcquire_OtherPartition_HasItsOwnCounters()
    {
        // Arrange
        using var counters = new InMemoryRateLimitCounters();
        await counters.TryAcquireAsync("key:a", [Requests(3)], Now, CancellationToken.None);

        // Act
        var other = await counters.TryAcquireAsync("key:b", [Requests(1)], Now, CancellationToken.None);

        // Assert
        Assert.That(other.IsAllowed, Is.True);
    }

    [Test]
    public async Task Adjust_RefundInTheSameWindow_GivesBackButNotBelowZero()
    {
        // Arrange
        using var counters = new InMemoryRateLimitCounters();
        await counters.TryAcquireAsync("key:a", [Tokens(80)], Now, CancellationToken.None);

        // Act
        await counters.AdjustAsync("key:a", "tokens", Minute, -70, Now, Now.AddSeconds(5), CancellationToken.None);
        var afterRefund = await counters.TryAcquireAsync("key:a", [Tokens(0)], Now.AddSeconds(5), CancellationToken.None);
        await counters.AdjustAsync("key:a", "tokens", Minute, -500, Now, Now.AddSeconds(5), CancellationToken.None);
        var floor = await counters.TryAcquireAsync("key:a", [Tokens(0)], Now.AddSeconds(5), CancellationToken.None);

        // Assert
        Assert.That(afterRefund.Windows[0].Remaining, Is.EqualTo(90));
        Assert.That(floor.Windows[0].Remaining, Is.EqualTo(100));
    }

    [Test]
    public async Task Adjust_RefundAfterTheWindowEnded_IsDropped_ExtraChargeGoesToTheCurrentWindow()
    {
        // Arrange
        using var counters = new InMemoryRateLimitCounters();
        await counters.TryAcquireAsync("key:a", [Tokens(80)], Now, CancellationToken.None);
        var later = Now.AddSeconds(55);
        await counters.TryAcquireAsync("key:a", [Tokens(10)], later, CancellationToken.None);

        // Act
        await counters.AdjustAsync("key:a", "tokens", Minute, -80, Now, later, CancellationToken.None);
        var afterRefund = await counters.TryAcquireAsync("key:a", [Tokens(0)], later, CancellationToken.None);
        await counters.AdjustAsync("key:a", "tokens", Minute, 30, Now, later, CancellationToken.None);
        var afterExtra = await counters.TryAcquireAsync("key:a", [Tokens(0)], later, CancellationToken.None);

        // Assert
        Assert.That(afterRefund.Windows[0].Remaining, Is.EqualTo(90), "the old window's refund does not inflate the new one");
        Assert.That(afterExtra.Windows[0].Remaining, Is.EqualTo(60));
    }

    [Test]
    public async Task TryAcquireSlot_AllTaken_RefusesUntilOneIsFreed()
    {
        // Arrange
        using var counters = new InMemoryRateLimitCounters();
        var first = await counters.TryAcquireSlotAsync("key:a", 2, Now, CancellationToken.None);
        var second = await counters.TryAcquireSlotAsync("key:a", 2, Now, CancellationToken.None);

        // Act
        using var third = await counters.TryAcquireSlotAsync("key:a", 2, Now, CancellationToken.None);
        using var otherKey = await counters.TryAcquireSlotAsync("key:b", 2, Now, CancellationToken.None);
        first.Dispose();
        using var fourth = await counters.TryAcquireSlotAsync("key:a", 2, Now, CancellationToken.None);

        // Assert
        Assert.That((first.IsAcquired, second.IsAcquired, third.IsAcquired, otherKey.IsAcquired, fourth.IsAcquired), Is.EqualTo((true, true, false, true, true)));
        second.Dispose();
    }

    [TestCase(0, (InMemoryRateLimitCounters.MaxWindows * 9 / 10) + 1)]
    [TestCase(2, 1)]
    public async Task TryAcquire_OneCallerMoreThanMaxWindows_DropsEndedWindowsFirstThenTheOldest(int minutesLater, int kept)
    {
        // Arrange
        using var counters = new InMemoryRateLimitCounters();
        for (var i = 0; i < InMemoryRateLimitCounters.MaxWindows; i++)
        {
            await counters.TryAcquireAsync($"ip:{i}", [Requests(1)], Now, CancellationToken.None);
        }

        // Act
        var decision = await counters.TryAcquireAsync("ip:late", [Requests(1)], Now.AddMinutes(minutesLater), CancellationToken.None);

        // Assert
        Assert.That(decision.IsAllowed, Is.True);
        Assert.That(counters.WindowCount, Is.EqualTo(kept));
    }
}

using Languru.Providers.Resilience;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Languru.Tests.Providers.Resilience;

public class InMemoryCooldownStoreTests
{
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = TestClock.Create();

    private static async Task<TargetHealth> HealthAsync(InMemoryCooldownStore store, string target = "a/m") =>
        (await store.GetAsync([target], CancellationToken.None))[0];

    [Test]
    public async Task RecordFailureAsync_CoolsDownAtTheThreshold_ForTheCooldown()
    {
        // Arrange
        var store = new InMemoryCooldownStore(_time);

        // Act
        var first = await store.RecordFailureAsync("a/m", 2, Cooldown, CancellationToken.None);
        var second = await store.RecordFailureAsync("a/m", 2, Cooldown, CancellationToken.None);

        // Assert
        Assert.That(first.IsCoolingDown(_time.GetUtcNow()), Is.False);
        Assert.That(second, Is.EqualTo(new TargetHealth(2, _time.GetUtcNow(), _time.GetUtcNow() + Cooldown)));
        Assert.That((await HealthAsync(store)).IsCoolingDown(_time.GetUtcNow() + Cooldown - TimeSpan.FromTicks(1)), Is.True);
        Assert.That((await HealthAsync(store)).IsCoolingDown(_time.GetUtcNow() + Cooldown), Is.False);
        Assert.That(await HealthAsync(store, "other/m"), Is.EqualTo(TargetHealth.Healthy));
    }

    [Test]
    public async Task RecordFailureAsync_AfterACooldown_CoolsDownAgainAtOnce()
    {
        // Arrange
        var store = new InMemoryCooldownStore(_time);
        await store.RecordFailureAsync("a/m", 1, Cooldown, CancellationToken.None);
        _time.Advance(Cooldown);

        // Act
        var again = await store.RecordFailureAsync("a/m", 3, Cooldown, CancellationToken.None);

        // Assert
        Assert.That(again.IsCoolingDown(_time.GetUtcNow()), Is.True, "half-open: one failure is enough");
    }

    [Test]
    public async Task RecordSuccessAsync_ForgetsTheFailures()
    {
        // Arrange
        var store = new InMemoryCooldownStore(_time);
        await store.RecordFailureAsync("a/m", 1, Cooldown, CancellationToken.None);

        // Act
        await store.RecordSuccessAsync("A/M", CancellationToken.None);

        // Assert
        Assert.That(await HealthAsync(store), Is.EqualTo(TargetHealth.Healthy));
    }

    [Test]
    public async Task Failures_FurtherApartThanTwoCooldowns_DoNotAddUp()
    {
        // Arrange
        var store = new InMemoryCooldownStore(_time);
        await store.RecordFailureAsync("a/m", 2, Cooldown, CancellationToken.None);
        _time.Advance(Cooldown * 2);

        // Act
        var later = await store.RecordFailureAsync("a/m", 2, Cooldown, CancellationToken.None);

        // Assert
        Assert.That(later.Failures, Is.EqualTo(1));
        Assert.That(later.IsCoolingDown(_time.GetUtcNow()), Is.False);
    }

    [Test]
    public async Task Store_IsBoundedInSize()
    {
        // Arrange
        var store = new InMemoryCooldownStore(_time);

        // Act
        for (var i = 0; i <= InMemoryCooldownStore.MaxEntries; i++)
        {
            await store.RecordFailureAsync($"p/{i}", 1, Cooldown + TimeSpan.FromMilliseconds(i), CancellationToken.None);
        }

        // Assert: the entry that would lapse first made room for the newest.
        Assert.That(await HealthAsync(store, "p/0"), Is.EqualTo(TargetHealth.Healthy));
        Assert.That((await HealthAsync(store, $"p/{InMemoryCooldownStore.MaxEntries}")).Failures, Is.EqualTo(1));
        Assert.That((await HealthAsync(store, "p/1")).Failures, Is.EqualTo(1));
    }
}

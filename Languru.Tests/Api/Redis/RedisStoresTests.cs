using System.Diagnostics.Metrics;
using Languru.Api.Limits;
using Languru.Api.Redis;
using Languru.Providers.Resilience;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Languru.Tests.Api.Redis;

/// <summary>The Redis stores against a real redis-server: the same rules as the in-memory ones, shared between connections.</summary>
[TestFixture]
public sealed class RedisStoresTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private RedisServer _redis = null!;
    private ServiceProvider _meters = null!;
    private string _prefix = null!;

    [OneTimeSetUp]
    public async Task StartRedis()
    {
        _redis = await RedisServer.StartAsync();
        _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    }

    [OneTimeTearDown]
    public async Task StopRedis()
    {
        await _redis.DisposeAsync();
        await _meters.DisposeAsync();
    }

    [SetUp]
    public void NewPrefix() => _prefix = $"t{Guid.NewGuid():N}:";

    [Test]
    public async Task TryAcquireAsync_OneWindowFull_ChargesNoneOfThem()
    {
        // Arrange
        using var connection = Connection();
        using var counters = new RedisRateLimitCounters(connection);
        var now = TestClock.Start;
        WindowCharge[] charges = [new("requests", 10, 1, Minute), new("tokens", 100, 60, Minute)];

        // Act
        var first = await counters.TryAcquireAsync("key:team", charges, now, CancellationToken.None);
        var second = await counters.TryAcquireAsync("key:team", charges, now, CancellationToken.None);

        // Assert: the second request did not fit the tokens window, so its request was not counted either
        Assert.That(first.IsAllowed, Is.True);
        Assert.That(second.IsAllowed, Is.False);
        Assert.That(second.Windows.Select(w => (w.Counter, w.Remaining, w.HasRoom)), Is.EqualTo(new[] { ("requests", 9L, true), ("tokens", 40L, false) }));
    }

    [Test]
    public async Task AdjustAsync_RefundLargerThanTheCharge_StopsAtZeroAndOnlyInTheChargedWindow()
    {
        // Arrange
        using var connection = Connection();
        using var counters = new RedisRateLimitCounters(connection);
        var now = TestClock.Start;
        WindowCharge[] charge = [new("tokens", 100, 30, Minute)];
        await counters.TryAcquireAsync("key:team", charge, now, CancellationToken.None);

        // Act
        await counters.AdjustAsync("key:team", "tokens", Minute, -500, now, now, CancellationToken.None);
        var afterRefund = await counters.TryAcquireAsync("key:team", [new("tokens", 100, 0, Minute)], now, CancellationToken.None);
        var later = now + Minute;
        await counters.AdjustAsync("key:team", "tokens", Minute, -10, now, later, CancellationToken.None);
        await counters.AdjustAsync("key:team", "tokens", Minute, 25, now, later, CancellationToken.None);
        var nextWindow = await counters.TryAcquireAsync("key:team", [new("tokens", 100, 0, Minute)], later, CancellationToken.None);

        // Assert
        Assert.That(afterRefund.Windows[0].Remaining, Is.EqualTo(100));
        Assert.That(nextWindow.Windows[0].Remaining, Is.EqualTo(75), "a refund for an ended window gives nothing back; an extra charge lands in the current one");
    }

    [Test]
    public async Task TryAcquireSlotAsync_SlotsTakenOnAnotherConnection_AreSharedAndFreedOnDispose()
    {
        // Arrange
        using var connectionA = Connection();
        using var connectionB = Connection();
        using var a = new RedisRateLimitCounters(connectionA);
        using var b = new RedisRateLimitCounters(connectionB);
        var now = TestClock.Start;

        // Act
        var held = await a.TryAcquireSlotAsync("key:team", 1, now, CancellationToken.None);
        var refused = await b.TryAcquireSlotAsync("key:team", 1, now, CancellationToken.None);
        held.Dispose();
        var afterRelease = await PollAsync(async () =>
        {
            using var lease = await b.TryAcquireSlotAsync("key:team", 1, now, CancellationToken.None);
            return lease.IsAcquired;
        });

        // Assert
        Assert.That(held.IsAcquired, Is.True);
        Assert.That(refused.IsAcquired, Is.False);
        Assert.That(afterRelease, Is.True);
    }

    [Test]
    public async Task CooldownStore_ThresholdReachedOnOneInstance_IsSeenByAnotherAndClearedBySuccess()
    {
        // Arrange
        var time = TestClock.Create();
        using var connectionA = Connection();
        using var connectionB = Connection();
        var a = new RedisCooldownStore(connectionA, time);
        var b = new RedisCooldownStore(connectionB, time);
        var cooldown = TimeSpan.FromSeconds(30);

        // Act
        var first = await a.RecordFailureAsync("up/model", 2, cooldown, CancellationToken.None);
        var second = await a.RecordFailureAsync("UP/model", 2, cooldown, CancellationToken.None);
        var seen = await b.GetAsync(["up/model", "other/model"], CancellationToken.None);
        await b.RecordSuccessAsync("up/model", CancellationToken.None);
        var cleared = await a.GetAsync(["up/model"], CancellationToken.None);

        // Assert: the same answers as the in-memory store gives
        var expected = new InMemoryCooldownStore(time);
        await expected.RecordFailureAsync("up/model", 2, cooldown, CancellationToken.None);
        Assert.That(first, Is.EqualTo(new TargetHealth(1, time.GetUtcNow(), null)));
        Assert.That(second, Is.EqualTo(await expected.RecordFailureAsync("up/model", 2, cooldown, CancellationToken.None)));
        Assert.That(seen[0].IsCoolingDown(time.GetUtcNow()), Is.True);
        Assert.That(seen[0], Is.EqualTo(second));
        Assert.That(seen[1], Is.EqualTo(TargetHealth.Healthy));
        Assert.That(cleared[0], Is.EqualTo(TargetHealth.Healthy));
    }

    [Test]
    public async Task Counters_RedisDown_FallBackPerInstanceLogOnceAndCountEachFallback()
    {
        // Arrange
        var server = await RedisServer.StartAsync();
        var logger = new Microsoft.Extensions.Logging.Testing.FakeLogger<RedisConnection>();
        using var connection = Connection(server.Configuration, logger);
        using var counters = new RedisRateLimitCounters(connection);
        using var fallbacks = new MetricCollector<long>(_meters.GetRequiredService<IMeterFactory>(), "Languru", "languru.redis.fallbacks");
        WindowCharge[] charge = [new("requests", 2, 1, Minute)];
        await counters.TryAcquireAsync("key:team", charge, TestClock.Start, CancellationToken.None);

        // Act
        await server.StopAsync();
        var decisions = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            decisions.Add((await counters.TryAcquireAsync("key:team", charge, TestClock.Start, CancellationToken.None)).IsAllowed);
        }

        // Assert: counted by this instance alone from zero; one warning for the outage, one count per fallback
        Assert.That(decisions, Is.EqualTo(new[] { true, true, false }));
        Assert.That(logger.Collector.GetSnapshot().Count(r => r.Id.Name == "RedisUnavailable"), Is.EqualTo(1));
        Assert.That(fallbacks.GetMeasurementSnapshot().Sum(m => m.Value), Is.EqualTo(3));
    }

    private static async Task<bool> PollAsync(Func<Task<bool>> attempt)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await attempt())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private RedisConnection Connection(string? configuration = null, Microsoft.Extensions.Logging.ILogger<RedisConnection>? logger = null) => new(
        Options.Create(new RedisOptions { Configuration = configuration ?? _redis.Configuration, KeyPrefix = _prefix }),
        _meters.GetRequiredService<IMeterFactory>(),
        logger ?? NullLogger<RedisConnection>.Instance);
}

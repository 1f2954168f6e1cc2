using Languru.Providers.Routing;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Languru.Tests.Providers;

public class CachedModelCatalogTests
{
    private FakeTimeProvider _time = null!;
    private FakeLogger _logs = null!;
    private int _fetches;
    private Func<IReadOnlyList<ModelDescriptor>> _answer = null!;

    // NUnit shares one fixture instance between its tests: start each from scratch.
    [SetUp]
    public void Reset()
    {
        _time = TestClock.Create();
        _logs = new FakeLogger();
        _fetches = 0;
        _answer = () => [new ModelDescriptor("m1", "up")];
    }

    private CachedModelCatalog Catalog(TimeSpan cacheDuration) => new(
        "up",
        _ => { _fetches++; return Task.FromResult(_answer()); },
        ex => ex.Message,
        cacheDuration,
        _time,
        _logs);

    [Test]
    public async Task ListModelsAsync_FetchesOncePerCacheDuration()
    {
        // Arrange
        using var catalog = Catalog(TimeSpan.FromMinutes(5));

        // Act
        await catalog.ListModelsAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(4));
        await catalog.ListModelsAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2));
        var models = await catalog.ListModelsAsync(CancellationToken.None);

        // Assert
        Assert.That(_fetches, Is.EqualTo(2));
        Assert.That(models.Single().Id, Is.EqualTo("m1"));
    }

    [Test]
    public async Task ListModelsAsync_Failures_KeepTheLastListAndAreLoggedOncePerOutage()
    {
        // Arrange
        using var catalog = Catalog(TimeSpan.FromSeconds(30));
        await catalog.ListModelsAsync(CancellationToken.None);
        _answer = () => throw new HttpRequestException("connection refused");

        // Act: three failed refreshes, then a recovery
        var during = new List<IReadOnlyList<ModelDescriptor>>();
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            during.Add(await catalog.ListModelsAsync(CancellationToken.None));
        }

        _answer = () => [new ModelDescriptor("m2", "up")];
        _time.Advance(TimeSpan.FromMinutes(1));
        var after = await catalog.ListModelsAsync(CancellationToken.None);

        // Assert
        Assert.That(during.Select(l => l.Single().Id), Has.All.EqualTo("m1"), "the last good list is kept");
        Assert.That(after.Single().Id, Is.EqualTo("m2"));
        Assert.That(_logs.Collector.GetSnapshot().Select(e => (e.Level, e.Message)), Is.EqualTo(new[]
        {
            (LogLevel.Warning, "Listing the models of upstream up failed; /v1/models goes on without them until it answers again: connection refused"),
            (LogLevel.Information, "Listing the models of upstream up works again."),
        }));
    }

    [Test]
    public async Task ListModelsAsync_AfterAFailure_AsksAgainWithinAMinuteEvenWithALongCache()
    {
        // Arrange
        _answer = () => throw new HttpRequestException("down");
        using var catalog = Catalog(TimeSpan.FromHours(1));
        await catalog.ListModelsAsync(CancellationToken.None);

        // Act
        _time.Advance(TimeSpan.FromSeconds(61));
        await catalog.ListModelsAsync(CancellationToken.None);

        // Assert
        Assert.That(_fetches, Is.EqualTo(2));
    }

    [Test]
    public async Task RefreshIfOlderThanAsync_RefetchesOnlyWhenTheListIsOlder()
    {
        // Arrange
        using var catalog = Catalog(TimeSpan.FromMinutes(5));
        await catalog.ListModelsAsync(CancellationToken.None);

        // Act
        await catalog.RefreshIfOlderThanAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(6));
        await catalog.RefreshIfOlderThanAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        // Assert
        Assert.That(_fetches, Is.EqualTo(2));
    }
}

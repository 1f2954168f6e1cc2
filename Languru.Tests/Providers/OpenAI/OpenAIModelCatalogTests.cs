using Languru.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Languru.Tests.Providers.OpenAI;

public class OpenAIModelCatalogTests
{
    [Test]
    public async Task ListModelsAsync_ListsTheUpstreamsModelsAndCachesThem()
    {
        // Arrange
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = Respond.Json(OpenAIFixtures.ModelList);
        using var providers = new OpenAIProviders(upstream.BaseUrl, ("ApiKey", "k"));
        var catalog = providers.Create().Catalog!;

        // Act
        var first = await catalog.ListModelsAsync(CancellationToken.None);
        var second = await catalog.ListModelsAsync(CancellationToken.None);

        // Assert
        Assert.That(first.Select(m => (m.Id, m.OwnedBy, m.Created)), Is.EqualTo(new[]
        {
            ("gpt-4o-mini", "up", (DateTimeOffset?)DateTimeOffset.FromUnixTimeSeconds(1721172741)),
            ("text-embedding-3-small", "up", (DateTimeOffset?)DateTimeOffset.FromUnixTimeSeconds(1705948997)),
            ("whisper-1", "up", (DateTimeOffset?)DateTimeOffset.FromUnixTimeSeconds(1677532384)),
        }));
        Assert.That(second, Is.SameAs(first));
        Assert.That(upstream.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/v1/models" }), "asked once within the cache duration");
    }

    [Test]
    public async Task ListModelsAsync_UnreachableUpstream_YieldsNothingAndIsLoggedOnce()
    {
        // Arrange
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = Respond.Json(OpenAIFixtures.Error("boom", "server_error"), 500);
        using var providers = new OpenAIProviders(upstream.BaseUrl, ("ApiKey", "sk-not-in-logs"), ("ModelListCacheDuration", "00:00:01"));
        var catalog = providers.Create().Catalog!;

        // Act (the test clock never moves, so force a new attempt by expiring the cache with a new catalog each time is not needed: once is enough)
        var models = await catalog.ListModelsAsync(CancellationToken.None);

        // Assert
        Assert.That(models, Is.Empty);
        var warnings = providers.Logs.Collector.GetSnapshot().Where(e => e.Level == LogLevel.Warning).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0].Message, Is.EqualTo("Listing the models of upstream up failed; /v1/models goes on without them until it answers again: The upstream 'up' failed with 500: boom"));
        Assert.That(providers.Logs.Collector.GetSnapshot().Select(e => e.Message), Has.None.Contains("sk-not-in-logs"));
    }

    [Test]
    public async Task ListModelsAsync_DisabledByConfiguration_HasNoCatalog()
    {
        // Arrange
        await using var upstream = await FakeUpstream.StartAsync();
        using var providers = new OpenAIProviders(upstream.BaseUrl, ("ListModels", "false"));

        // Act
        var provider = providers.Create();

        // Assert
        Assert.That(provider.Catalog, Is.Null);
    }
}

using Microsoft.Extensions.AI;
using Languru.Providers.Routing;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Providers.Ollama;

public class OllamaModelCatalogTests
{
    [Test]
    public async Task ContainsAsync_TaglessNameMeansLatest_AndAMissRefreshesTheList()
    {
        // Arrange
        await using var ollama = await FakeUpstream.StartAsync();
        var tags = OllamaFixtures.Tags;
        ollama.Handler = context => Respond.Json(tags)(context);
        using var providers = new OllamaProviders(ollama.BaseUrl);
        var catalog = (IRoutableModelCatalog)providers.Create().Catalog!;

        // Act & Assert
        Assert.That(await catalog.ContainsAsync("llama3.2", CancellationToken.None), Is.True, "llama3.2 is llama3.2:latest");
        Assert.That(await catalog.ContainsAsync("LLAMA3.2:latest", CancellationToken.None), Is.True);
        Assert.That(await catalog.ContainsAsync("qwen2.5-coder:7b", CancellationToken.None), Is.True);
        Assert.That(await catalog.ContainsAsync("qwen2.5-coder", CancellationToken.None), Is.False, "only :latest is implied");

        // A model pulled just now: the miss refreshes the list once the last fetch is a few seconds old.
        tags = tags.Replace("qwen2.5-coder:7b", "mistral:latest", StringComparison.Ordinal);
        var before = ollama.Requests.Count;
        Assert.That(await catalog.ContainsAsync("mistral", CancellationToken.None), Is.False, "the list was fetched a moment ago");
        providers.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.That(await catalog.ContainsAsync("mistral", CancellationToken.None), Is.True);
        Assert.That(ollama.Requests.Skip(before).Select(r => r.Path), Is.EqualTo(new[] { "/api/tags" }));
    }

    [Test]
    public async Task ListModelsAsync_ListsTheInstalledModelsOwnedByTheProvider()
    {
        // Arrange
        await using var ollama = await FakeUpstream.StartAsync();
        ollama.Handler = Respond.Json(OllamaFixtures.Tags);
        using var providers = new OllamaProviders(ollama.BaseUrl);

        // Act
        var models = await providers.Create().Catalog!.ListModelsAsync(CancellationToken.None);

        // Assert
        Assert.That(models.Select(m => (m.Id, m.OwnedBy, m.Created)), Is.EqualTo(new[]
        {
            ("llama3.2:latest", "up", (DateTimeOffset?)DateTimeOffset.Parse("2024-09-25T14:24:14.806258Z", System.Globalization.CultureInfo.InvariantCulture)),
            ("qwen2.5-coder:7b", "up", (DateTimeOffset?)DateTimeOffset.Parse("2024-11-12T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture)),
        }));
    }

    [Test]
    public void Create_WithoutAnAddress_IsNotConfiguredAndSaysWhatToSet()
    {
        // Arrange
        using var providers = new OllamaProviders(null, ("BaseUrlEnvironmentVariable", "OLLAMA_HOST"));

        // Act
        var provider = providers.Create();

        // Assert
        Assert.That(provider.IsConfigured, Is.False);
        Assert.That(provider.SetupHint, Is.EqualTo(
            "set the OLLAMA_HOST environment variable (e.g. 127.0.0.1:11434), or Languru:Providers:up:BaseUrl, or Languru:Providers:up:Enabled to true for http://127.0.0.1:11434"));
    }

    [Test]
    public void Create_AddressFromTheVariableOrEnabledAlone_IsConfigured()
    {
        // Arrange
        using var fromVariable = new OllamaProviders(null, ("BaseUrlEnvironmentVariable", "OLLAMA_HOST"), ("env:OLLAMA_HOST", "gpu-box:11434"));
        using var enabled = new OllamaProviders(null, ("Enabled", "true"));

        // Act & Assert
        Assert.That(fromVariable.Create().Client!.GetService<ChatClientMetadata>()!.ProviderUri, Is.EqualTo(new Uri("http://gpu-box:11434/")));
        Assert.That(enabled.Create().Client!.GetService<ChatClientMetadata>()!.ProviderUri, Is.EqualTo(new Uri("http://127.0.0.1:11434/")));
    }
}

using Languru.Providers.Chat;
using Languru.Providers.Resilience;
using Languru.Providers.Routing;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Languru.Tests.Providers;

public class ModelRouterTests
{
    private static ModelRouter Router(RoutingOptions options, params IChatProviderFactory[] factories) =>
        new(Options.Create(options), factories, new InMemoryCooldownStore(TimeProvider.System), TestClock.Create(), NullLogger<ModelRouter>.Instance);

    private static RoutingOptions Config(params (string Name, bool? Enabled, string[] Models)[] providers)
    {
        var options = new RoutingOptions();
        foreach (var (name, enabled, models) in providers)
        {
            var provider = new ProviderRouteOptions { Type = "stub", Enabled = enabled };
            provider.Models.AddRange(models);
            options.Providers[name] = provider;
        }

        return options;
    }

    [Test]
    public async Task ResolveAsync_RoutableModel_ReturnsProviderAndUpstreamId()
    {
        // Arrange
        var client = Mock.Of<IChatClient>();
        var router = Router(Config(("main", null, ["m-*"])), new StubProviderFactory("stub", client));

        // Act
        var route = await router.ResolveAsync("main/x", CancellationToken.None);

        // Assert
        Assert.That(route.Provider.Name, Is.EqualTo("main"));
        Assert.That(route.UpstreamModelId, Is.EqualTo("x"));
        Assert.That(route.Client.GetService(typeof(IChatClient)), Is.SameAs(route.Client), "the request's client, over the provider's");
        Assert.That(route.Outcome.Model, Is.EqualTo("main/x"));
    }

    [Test]
    public void ResolveAsync_UnknownModel_ThrowsModelNotFoundListingWhatExists()
    {
        // Arrange
        var options = Config(("main", null, ["exact-one", "m-*"]));
        options.Aliases["default"] = "exact-one";
        var router = Router(options, new StubProviderFactory("stub", Mock.Of<IChatClient>()));

        // Act
        var ex = Assert.ThrowsAsync<ChatProviderException>(async () => await router.ResolveAsync("nope", CancellationToken.None));

        // Assert
        Assert.That(ex!.Kind, Is.EqualTo(ChatProviderErrorKind.ModelNotFound));
        Assert.That(ex.Code, Is.EqualTo("model_not_found"));
        Assert.That(ex.Param, Is.EqualTo("model"));
        Assert.That(ex.Message, Is.EqualTo(
            "The model 'nope' does not exist. Models you can use: exact-one, default, m-*, main/<model>. " +
            "To serve another name, add it to Languru:Aliases or to a provider's Languru:Providers:<name>:Models (see docs/configuration.md)."));
    }

    [Test]
    public void ResolveAsync_NoProviderConfigured_SaysSoInsteadOfAnEmptyList()
    {
        // Arrange: what a gateway started without its appsettings.json has
        var router = Router(new RoutingOptions(), new StubProviderFactory("stub", Mock.Of<IChatClient>()));

        // Act
        var ex = Assert.ThrowsAsync<ChatProviderException>(async () => await router.ResolveAsync("default", CancellationToken.None));

        // Assert
        Assert.That(ex!.Kind, Is.EqualTo(ChatProviderErrorKind.ModelNotFound));
        Assert.That(ex.Message, Does.StartWith("The model 'default' does not exist: no provider is configured, so no model can be used."));
        Assert.That(ex.Message, Does.Not.Contain("Models you can use"));
    }

    [Test]
    public void ResolveAsync_ProviderNotConfigured_NamesTheSettingToAdd()
    {
        // Arrange
        var factory = new Mock<IChatProviderFactory>();
        factory.SetupGet(f => f.Type).Returns("stub");
        factory.Setup(f => f.Create("cloud")).Returns(ChatProvider.NotConfigured("cloud", "stub", "set the CLOUD_KEY environment variable"));
        var router = Router(Config(("cloud", null, ["c-*"])), factory.Object);

        // Act
        var ex = Assert.ThrowsAsync<ChatProviderException>(async () => await router.ResolveAsync("c-large", CancellationToken.None));

        // Assert
        Assert.That(ex!.Kind, Is.EqualTo(ChatProviderErrorKind.ModelNotFound));
        Assert.That(ex.Message, Is.EqualTo("The model 'c-large' is served by provider 'cloud', which is not configured: set the CLOUD_KEY environment variable."));
    }

    [Test]
    public void ResolveAsync_ProviderDisabledInConfiguration_IsNotCreatedAndSaysHowToEnable()
    {
        // Arrange
        var factory = new Mock<IChatProviderFactory>(MockBehavior.Strict);
        factory.SetupGet(f => f.Type).Returns("stub");
        var router = Router(Config(("off", false, ["o-*"])), factory.Object);

        // Act
        var ex = Assert.ThrowsAsync<ChatProviderException>(async () => await router.ResolveAsync("o-1", CancellationToken.None));

        // Assert
        Assert.That(ex!.Message, Does.EndWith("which is not configured: set Languru:Providers:off:Enabled to true."));
        factory.Verify(f => f.Create(It.IsAny<string>()), Times.Never);
    }

    [Test]
    public async Task ListModelsAsync_ListsAliasesExactNamesAndCatalogsUnderRoutableIds()
    {
        // Arrange
        var catalog = new Mock<IModelCatalog>();
        catalog.Setup(c => c.ListModelsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new ModelDescriptor("up-1", "upstream", DateTimeOffset.FromUnixTimeSeconds(42)),
            new ModelDescriptor("other-name", "upstream"),
        ]);
        var options = Config(("main", null, ["exact"]), ("cat", null, ["up-*"]));
        options.Aliases["default"] = "exact";
        var factory = new Mock<IChatProviderFactory>();
        factory.SetupGet(f => f.Type).Returns("stub");
        factory.Setup(f => f.Create("main")).Returns(ChatProvider.Configured("main", "stub", Mock.Of<IChatClient>()));
        factory.Setup(f => f.Create("cat")).Returns(ChatProvider.Configured("cat", "stub", Mock.Of<IChatClient>(), catalog.Object));
        var router = Router(options, factory.Object);

        // Act
        var models = await router.ListModelsAsync(CancellationToken.None);

        // Assert
        Assert.That(models.Select(m => (m.Id, m.OwnedBy)), Is.EqualTo(new[]
        {
            ("exact", "main"), ("default", "main"), ("up-1", "upstream"), ("cat/other-name", "upstream"),
        }));
        Assert.That(models[2].Created, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(42)));
        Assert.That(models[3].Created, Is.EqualTo(TestClock.Start), "unknown creation time: when the gateway started");
        foreach (var model in models)
        {
            Assert.That(await router.ResolveAsync(model.Id, CancellationToken.None), Is.Not.Null, $"{model.Id} must route");
        }
    }

    [Test]
    public async Task ListModelsAsync_FailingCatalog_LeavesTheRestOfTheListing()
    {
        // Arrange
        var broken = new Mock<IModelCatalog>();
        broken.Setup(c => c.ListModelsAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new HttpRequestException("down"));
        var factory = new Mock<IChatProviderFactory>();
        factory.SetupGet(f => f.Type).Returns("stub");
        factory.Setup(f => f.Create("main")).Returns(ChatProvider.Configured("main", "stub", Mock.Of<IChatClient>(), broken.Object));
        var router = Router(Config(("main", null, ["exact"])), factory.Object);

        // Act
        var models = await router.ListModelsAsync(CancellationToken.None);

        // Assert
        Assert.That(models.Select(m => m.Id), Is.EqualTo(new[] { "exact" }));
    }

    [Test]
    public async Task FindModelAsync_ProviderWithoutCatalogServesAnyRoutedName_OthersOnlyListedOnes()
    {
        // Arrange
        var catalog = new Mock<IModelCatalog>();
        catalog.Setup(c => c.ListModelsAsync(It.IsAny<CancellationToken>())).ReturnsAsync([new ModelDescriptor("up-1", "cat")]);
        var factory = new Mock<IChatProviderFactory>();
        factory.SetupGet(f => f.Type).Returns("stub");
        factory.Setup(f => f.Create("echo")).Returns(ChatProvider.Configured("echo", "stub", Mock.Of<IChatClient>()));
        factory.Setup(f => f.Create("cat")).Returns(ChatProvider.Configured("cat", "stub", Mock.Of<IChatClient>(), catalog.Object));
        var router = Router(Config(("echo", null, []), ("cat", null, ["up-*"])), factory.Object);

        // Act & Assert
        Assert.That((await router.FindModelAsync("echo/anything", CancellationToken.None))?.OwnedBy, Is.EqualTo("echo"));
        Assert.That((await router.FindModelAsync("up-1", CancellationToken.None))?.Id, Is.EqualTo("up-1"));
        Assert.That(await router.FindModelAsync("up-2", CancellationToken.None), Is.Null);
        Assert.That(await router.FindModelAsync("nothing", CancellationToken.None), Is.Null);
    }
}

public class ModelRouterListedModelsTests
{
    private sealed class Listed(params string[] models) : IRoutableModelCatalog
    {
        public ValueTask<IReadOnlyList<ModelDescriptor>> ListModelsAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<ModelDescriptor>>([.. models.Select(m => new ModelDescriptor(m, "local"))]);

        public ValueTask<bool> ContainsAsync(string model, CancellationToken cancellationToken) => ValueTask.FromResult(models.Contains(model));
    }

    private static ModelRouter Router(string? catchAll = null)
    {
        var options = new RoutingOptions();
        options.Providers["cloud"] = new ProviderRouteOptions { Type = "stub" };
        if (catchAll is not null)
        {
            options.Providers["cloud"].Models.Add(catchAll);
        }

        options.Providers["local"] = new ProviderRouteOptions { Type = "stub" };
        var factory = new Mock<IChatProviderFactory>();
        factory.SetupGet(f => f.Type).Returns("stub");
        factory.Setup(f => f.Create("cloud")).Returns(ChatProvider.Configured("cloud", "stub", Mock.Of<IChatClient>()));
        factory.Setup(f => f.Create("local")).Returns(ChatProvider.Configured("local", "stub", Mock.Of<IChatClient>(), new Listed("llama3.2:latest", "mistral")));
        return new ModelRouter(Options.Create(options), [factory.Object], new InMemoryCooldownStore(TimeProvider.System), TestClock.Create(), NullLogger<ModelRouter>.Instance);
    }

    [Test]
    public async Task ResolveAsync_BareNameTheUpstreamLists_GoesToThatProvider()
    {
        // Act
        var route = await Router().ResolveAsync("mistral", CancellationToken.None);

        // Assert
        Assert.That((route.Provider.Name, route.UpstreamModelId), Is.EqualTo(("local", "mistral")));
    }

    [Test]
    public async Task ResolveAsync_ConfiguredRules_WinOverListedModels()
    {
        // Act
        var route = await Router(catchAll: "*").ResolveAsync("mistral", CancellationToken.None);

        // Assert
        Assert.That(route.Provider.Name, Is.EqualTo("cloud"));
    }

    [Test]
    public void ResolveAsync_UnknownName_ListsTheListedModelsToo()
    {
        // Act
        var ex = Assert.ThrowsAsync<ChatProviderException>(async () => await Router().ResolveAsync("gemma", CancellationToken.None));

        // Assert
        Assert.That(ex!.Message, Does.StartWith("The model 'gemma' does not exist. Models you can use: llama3.2:latest, mistral, cloud/<model>, local/<model>."));
    }

    [Test]
    public async Task ListModelsAsync_ListedModels_AreListedByTheirBareNames()
    {
        // Act
        var models = await Router().ListModelsAsync(CancellationToken.None);

        // Assert
        Assert.That(models.Select(m => m.Id), Is.EqualTo(new[] { "llama3.2:latest", "mistral" }));
    }
}

using Languru.Providers.Chat;
using Languru.Providers.Resilience;
using Languru.Providers.Routing;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Languru.Tests.Providers.Resilience;

/// <summary>A router over providers whose clients are Moq mocks, each answering with its own name, on a fake clock.</summary>
internal sealed class RouteHarness
{
    private readonly List<IChatProviderFactory> _factories = [];

    public FakeTimeProvider Time { get; } = TestClock.Create();

    public RoutingOptions Options { get; } = new();

    public Dictionary<string, Mock<IChatClient>> Clients { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static ChatProviderException Unavailable { get; } = new(ChatProviderErrorKind.Unavailable, "down");

    /// <summary>Providers that answer "from &lt;name&gt;" (whole or streamed, two updates).</summary>
    public RouteHarness WithProviders(params string[] names)
    {
        foreach (var name in names)
        {
            var client = new Mock<IChatClient>();
            Clients[name] = client;
            Answers(name);
            Options.Providers[name] = new ProviderRouteOptions { Type = $"stub-{name}" };
            _factories.Add(new StubProviderFactory($"stub-{name}", client.Object));
        }

        return this;
    }

    public RouteOptions Route(string name, params string[] targets)
    {
        var route = new RouteOptions();
        route.Targets.AddRange(targets);
        Options.Routes[name] = route;
        return route;
    }

    /// <summary>The provider answers (again).</summary>
    public void Answers(string provider)
    {
        Clients[provider].Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ChatResponse(new ChatMessage(ChatRole.Assistant, $"from {provider}")));
        Clients[provider].Setup(c => c.GetStreamingResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(() => AsyncEnumerables.Of(Updates(provider)));
    }

    public void Fails(string provider, Exception failure)
    {
        Clients[provider].Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>())).ThrowsAsync(failure);
        Clients[provider].Setup(c => c.GetStreamingResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(() => AsyncEnumerables.ThenThrow<ChatResponseUpdate>([], failure));
    }

    public ModelRouter Build(ILogger<ModelRouter>? logger = null)
    {
        RouteTable.Build(Options, [.. _factories.Select(f => f.Type)], out var errors);
        Assert.That(errors, Is.Empty);
        return new ModelRouter(
            Microsoft.Extensions.Options.Options.Create(Options), _factories, new InMemoryCooldownStore(Time), Time, logger ?? NullLogger<ModelRouter>.Instance);
    }

    public int Calls(string provider) => Clients[provider].Invocations.Count(i => i.Method.Name.StartsWith("Get", StringComparison.Ordinal) && i.Method.Name != "GetService");

    public static IEnumerable<ChatResponseUpdate> Updates(string name) =>
        [new ChatResponseUpdate(ChatRole.Assistant, "from "), new ChatResponseUpdate(ChatRole.Assistant, name)];

    public static async Task<string> AnswerAsync(ModelRouter router, string model, bool stream = false)
    {
        var route = await router.ResolveAsync(model, CancellationToken.None);
        var options = new ChatOptions { ModelId = route.UpstreamModelId };
        if (!stream)
        {
            return (await route.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], options)).Text;
        }

        var text = "";
        await foreach (var update in route.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], options))
        {
            text += update.Text;
        }

        return text;
    }
}

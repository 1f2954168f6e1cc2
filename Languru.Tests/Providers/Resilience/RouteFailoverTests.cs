using Languru.Providers.Chat;
using Languru.Providers.Resilience;
using Languru.Providers.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Testing;
using Moq;

namespace Languru.Tests.Providers.Resilience;

public class RouteFailoverTests
{
    [Test]
    public async Task WholeAnswer_FirstTargetUnavailable_TheNextAnswers_AndTheOutcomeSaysSo()
    {
        // Arrange
        var harness = new RouteHarness().WithProviders("a", "b");
        harness.Route("llama", "a/m-a", "b/m-b");
        harness.Fails("a", RouteHarness.Unavailable);
        var router = harness.Build();
        var route = await router.ResolveAsync("llama", CancellationToken.None);

        // Act
        var answer = await route.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = route.UpstreamModelId });

        // Assert
        Assert.That(answer.Text, Is.EqualTo("from b"));
        Assert.That(route.Outcome.Route, Is.EqualTo("llama"));
        Assert.That((route.Outcome.Provider, route.Outcome.UpstreamModel, route.Outcome.AnsweredByFallback), Is.EqualTo(("b", "m-b", false)));
        Assert.That(route.Outcome.Failures, Is.EqualTo(new[] { new TargetFailure("a", "m-a", ChatProviderErrorKind.Unavailable) }));
        Assert.That((route.Outcome.Failovers, route.Outcome.Retries), Is.EqualTo((1, 0)));
        harness.Clients["b"].Verify(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.Is<ChatOptions>(o => o.ModelId == "m-b"), It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task FailOver_IsLogged_NamingWhichTargetsFailedFirst_WithoutContent()
    {
        // Arrange
        var harness = new RouteHarness().WithProviders("a", "b");
        harness.Route("llama", "a/m-a", "b/m-b");
        harness.Fails("a", new ChatProviderException(ChatProviderErrorKind.Unavailable, "down"));
        var logger = new FakeLogger<ModelRouter>();
        var router = harness.Build(logger);

        // Act
        await RouteHarness.AnswerAsync(router, "llama");

        // Assert
        var lines = logger.Collector.GetSnapshot().Select(r => r.Message).ToList();
        Assert.That(lines, Is.EqualTo(new[]
        {
            "Model llama: a/m-a failed (Unavailable); trying b/m-b.",
            "Model llama was answered by b/m-b after these failed first: a/m-a (Unavailable).",
        }));
        Assert.That(logger.Collector.GetSnapshot().Select(r => r.Id.Name), Is.EqualTo(new[] { "RouteFailingOver", "RouteAnsweredAfterFailures" }));
        Assert.That(string.Concat(lines), Does.Not.Contain("hi"), "never the messages");
    }

    [TestCase(ChatProviderErrorKind.RateLimited)]
    [TestCase(ChatProviderErrorKind.Timeout)]
    [TestCase(ChatProviderErrorKind.UpstreamError)]
    [TestCase(ChatProviderErrorKind.ModelNotFound)]
    public async Task UpstreamFailures_AreFailedOver(ChatProviderErrorKind kind)
    {
        // Arrange
        var harness = new RouteHarness().WithProviders("a", "b");
        harness.Route("llama", "a/m", "b/m");
        harness.Fails("a", new ChatProviderException(kind, "failed"));

        // Act
        var answer = await RouteHarness.AnswerAsync(harness.Build(), "llama");

        // Assert
        Assert.That(answer, Is.EqualTo("from b"));
    }

    [Test]
    public void InvalidRequest_IsAnsweredAtOnce_WithoutTryingAnotherTarget()
    {
        // Arrange: the upstream refused the request itself; every target would.
        var harness = new RouteHarness().WithProviders("a", "b");
        harness.Route("llama", "a/m", "b/m");
        harness.Fails("a", new ChatProviderException(ChatProviderErrorKind.InvalidRequest, "bad temperature"));
        var router = harness.Build();

        // Act
        var ex = Assert.ThrowsAsync<ChatProviderException>(() => RouteHarness.AnswerAsync(router, "llama"));

        // Assert
        Assert.That(ex!.Kind, Is.EqualTo(ChatProviderErrorKind.InvalidRequest));
        Assert.That(harness.Calls("b"), Is.Zero);
    }

    [Test]
    public async Task Stream_FailureBeforeTheFirstUpdate_IsFailedOver()
    {
        // Arrange
        var harness = new RouteHarness().WithProviders("a", "b");
        harness.Route("llama", "a/m", "b/m");
        harness.Fails("a", RouteHarness.Unavailable);

        // Act
        var text = await RouteHarness.AnswerAsync(harness.Build(), "llama", stream: true);

        // Assert
        Assert.That(text, Is.EqualTo("from b"));
    }

    [Test]
    public async Task Stream_FailureAfterTheFirstUpdate_IsNotSwitched()
    {
        // Arrange
        var harness = new RouteHarness().WithProviders("a", "b");
        harness.Route("llama", "a/m", "b/m");
        harness.Clients["a"].Setup(c => c.GetStreamingResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(() => Infrastructure.AsyncEnumerables.ThenThrow([new ChatResponseUpdate(ChatRole.Assistant, "half")], RouteHarness.Unavailable));
        var route = await harness.Build().ResolveAsync("llama", CancellationToken.None);
        var received = new List<string>();

        // Act
        var ex = Assert.ThrowsAsync<ChatProviderException>(async () =>
        {
            await foreach (var update in route.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]))
            {
                received.Add(update.Text);
            }
        });

        // Assert
        Assert.That(ex, Is.SameAs(RouteHarness.Unavailable));
        Assert.That(received, Is.EqualTo(new[] { "half" }));
        Assert.That(harness.Calls("b"), Is.Zero);
        Assert.That(route.Outcome.Provider, Is.EqualTo("a"), "a answered, then failed");
    }

    [Test]
    public async Task Stream_OfSeveralChoices_OnceOneHasSentSomething_AnotherIsNotSwitched()
    {
        // Arrange: n = 2 through one request's client; a's second call fails before its first update.
        var harness = new RouteHarness().WithProviders("a", "b");
        harness.Route("llama", "a/m", "b/m");
        var calls = 0;
        harness.Clients["a"].Setup(c => c.GetStreamingResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(() => Interlocked.Increment(ref calls) == 1
                ? Infrastructure.AsyncEnumerables.Of(RouteHarness.Updates("a"))
                : Infrastructure.AsyncEnumerables.ThenThrow<ChatResponseUpdate>([], RouteHarness.Unavailable));
        var route = await harness.Build().ResolveAsync("llama", CancellationToken.None);
        await using var first = route.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]).GetAsyncEnumerator();
        Assert.That(await first.MoveNextAsync(), Is.True);

        // Act
        await using var second = route.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]).GetAsyncEnumerator();
        var ex = Assert.ThrowsAsync<ChatProviderException>(async () => await second.MoveNextAsync());

        // Assert
        Assert.That(ex, Is.SameAs(RouteHarness.Unavailable));
        Assert.That(harness.Calls("b"), Is.Zero, "the client already has choice 0 from a");
    }

    [Test]
    public async Task EveryTargetFailed_FallbacksAreTriedInOrder()
    {
        // Arrange
        var harness = new RouteHarness().WithProviders("a", "b", "c");
        harness.Route("llama", "a/m").Fallbacks.AddRange(["b/m", "c/m"]);
        harness.Fails("a", RouteHarness.Unavailable);
        harness.Fails("b", new ChatProviderException(ChatProviderErrorKind.Timeout, "slow"));
        var route = await harness.Build().ResolveAsync("llama", CancellationToken.None);

        // Act
        var answer = await route.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        // Assert
        Assert.That(answer.Text, Is.EqualTo("from c"));
        Assert.That((route.Outcome.Provider, route.Outcome.AnsweredByFallback, route.Outcome.Failovers), Is.EqualTo(("c", true, 2)));
        Assert.That(route.Outcome.FailureList, Is.EqualTo("a/m (Unavailable), b/m (Timeout)"));
    }

    [Test]
    public void EverythingFailed_TheLastFailureIsWhatTheClientSees()
    {
        // Arrange
        var harness = new RouteHarness().WithProviders("a", "b");
        harness.Route("llama", "a/m").Fallbacks.Add("b/m");
        var last = new ChatProviderException(ChatProviderErrorKind.RateLimited, "slow down") { RetryAfter = TimeSpan.FromSeconds(7) };
        harness.Fails("a", RouteHarness.Unavailable);
        harness.Fails("b", last);
        var router = harness.Build();

        // Act
        var ex = Assert.ThrowsAsync<ChatProviderException>(() => RouteHarness.AnswerAsync(router, "llama"));

        // Assert
        Assert.That(ex, Is.SameAs(last));
    }

    [Test]
    public async Task FallbackRoute_IsPlannedWithItsOwnTargets()
    {
        // Arrange
        var harness = new RouteHarness().WithProviders("a", "b", "c");
        harness.Route("llama", "a/m").Fallbacks.Add("spare");
        harness.Route("spare", "b/m", "c/m");
        harness.Fails("a", RouteHarness.Unavailable);
        var router = harness.Build();

        // Act
        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await RouteHarness.AnswerAsync(router, "llama"));
        }

        // Assert
        Assert.That(answers, Is.EqualTo(new[] { "from b", "from c", "from b", "from c" }), "the fallback route takes turns too");
    }

    [Test]
    public void ClientCancelled_NothingElseIsTried()
    {
        // Arrange
        var harness = new RouteHarness().WithProviders("a", "b");
        harness.Route("llama", "a/m", "b/m");
        harness.Fails("a", new OperationCanceledException());
        var router = harness.Build();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        // Act & Assert
        Assert.That(async () =>
        {
            var route = await router.ResolveAsync("llama", CancellationToken.None);
            await route.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], null, cancelled.Token);
        }, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(harness.Calls("b"), Is.Zero);
    }

    [Test]
    public async Task ModelName_WithoutRoute_HasAnOutcomeToo()
    {
        // Arrange
        var harness = new RouteHarness().WithProviders("a");
        var route = await harness.Build().ResolveAsync("a/m", CancellationToken.None);

        // Act
        await route.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = route.UpstreamModelId });

        // Assert
        Assert.That((route.Outcome.Model, route.Outcome.Route, route.Outcome.Provider, route.Outcome.UpstreamModel), Is.EqualTo(("a/m", (string?)null, "a", "m")));
    }

    [Test]
    public void RouteWhoseProvidersAreNotConfigured_IsModelNotFound_NamingTheSetting()
    {
        // Arrange
        var harness = new RouteHarness().WithProviders("a");
        harness.Options.Providers["a"].Enabled = false;
        harness.Route("llama", "a/m");
        var router = harness.Build();

        // Act
        var ex = Assert.ThrowsAsync<ChatProviderException>(async () => await router.ResolveAsync("llama", CancellationToken.None));

        // Assert
        Assert.That(ex!.Kind, Is.EqualTo(ChatProviderErrorKind.ModelNotFound));
        Assert.That(ex.Message, Is.EqualTo("The model 'llama' is a route whose providers are not configured (provider 'a': set Languru:Providers:a:Enabled to true)."));
    }
}

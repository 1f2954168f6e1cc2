using Languru.Providers.Chat;
using Languru.Providers.Resilience;
using Languru.Providers.Routing;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Languru.Tests.Providers.Resilience;

public class RetryTests
{
    private static readonly RetrySettings Settings = new(5, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));

    [Test]
    public void Wait_DoublesPerRetry_WithHalfOfItRandom()
    {
        // Act & Assert
        Assert.That(Settings.Wait(1, null, 0), Is.EqualTo(TimeSpan.FromMilliseconds(250)));
        Assert.That(Settings.Wait(1, null, 0.999), Is.LessThan(TimeSpan.FromMilliseconds(500)));
        Assert.That(Settings.Wait(3, null, 0), Is.EqualTo(TimeSpan.FromMilliseconds(1000)));
        Assert.That(Settings.Wait(3, null, 0.5), Is.EqualTo(TimeSpan.FromMilliseconds(1500)));
        Assert.That(Settings.Wait(30, null, 0.999), Is.LessThan(TimeSpan.FromSeconds(30)), "never past the retry budget");
    }

    [Test]
    public void Wait_IsNeverShorterThanRetryAfter()
    {
        // Act & Assert
        Assert.That(Settings.Wait(1, TimeSpan.FromSeconds(2), 0.5), Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(Settings.Wait(4, TimeSpan.FromMilliseconds(10), 0), Is.EqualTo(TimeSpan.FromSeconds(2)), "a short Retry-After does not shorten the back-off");
    }

    private static (ModelRouter Router, Mock<IChatClient> Client, SteppingTimeProvider Time) Provider(int maxRetries, string maxDuration = "00:00:30")
    {
        var client = new Mock<IChatClient>();
        var options = new RoutingOptions();
        options.Providers["a"] = new ProviderRouteOptions { Type = "stub", MaxRetries = maxRetries, MaxRetryDuration = TimeSpan.Parse(maxDuration, System.Globalization.CultureInfo.InvariantCulture) };
        var time = new SteppingTimeProvider();
        var router = new ModelRouter(Options.Create(options), [new StubProviderFactory("stub", client.Object)], new InMemoryCooldownStore(time), time, NullLogger<ModelRouter>.Instance);
        return (router, client, time);
    }

    private static void Sequence(Mock<IChatClient> client, params ChatProviderException?[] failures)
    {
        var setup = client.SetupSequence(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()));
        foreach (var failure in failures)
        {
            setup = failure is null ? setup.ReturnsAsync(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))) : setup.ThrowsAsync(failure);
        }
    }

    [Test]
    public async Task TransientFailures_AreRetried_WaitingAtLeastRetryAfter()
    {
        // Arrange
        var (router, client, time) = Provider(maxRetries: 2);
        Sequence(client,
            new ChatProviderException(ChatProviderErrorKind.RateLimited, "slow down") { RetryAfter = TimeSpan.FromSeconds(2) },
            new ChatProviderException(ChatProviderErrorKind.Unavailable, "busy"),
            null);
        var route = await router.ResolveAsync("a/m", CancellationToken.None);

        // Act
        var answer = await route.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        // Assert
        Assert.That(answer.Text, Is.EqualTo("ok"));
        Assert.That(client.Invocations, Has.Count.EqualTo(3));
        Assert.That(time.Waits, Has.Count.EqualTo(2));
        Assert.That(time.Waits[0], Is.EqualTo(TimeSpan.FromSeconds(2)), "Retry-After");
        Assert.That(time.Waits[1], Is.InRange(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1000)), "the second back-off");
        Assert.That(route.Outcome.Retries, Is.EqualTo(2));
    }

    [Test]
    public async Task Retries_AreBoundedInCount()
    {
        // Arrange
        var (router, client, _) = Provider(maxRetries: 2);
        client.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(RouteHarness.Unavailable);
        var route = await router.ResolveAsync("a/m", CancellationToken.None);

        // Act & Assert
        Assert.That(() => route.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]), Throws.TypeOf<ChatProviderException>());
        Assert.That(client.Invocations, Has.Count.EqualTo(3), "one attempt and two retries");
    }

    [Test]
    public async Task RetryAfterBeyondTheRetryBudget_IsNotWaitedFor()
    {
        // Arrange
        var (router, client, time) = Provider(maxRetries: 3, maxDuration: "00:00:10");
        Sequence(client, new ChatProviderException(ChatProviderErrorKind.RateLimited, "come back in a minute") { RetryAfter = TimeSpan.FromMinutes(1) }, null);
        var route = await router.ResolveAsync("a/m", CancellationToken.None);

        // Act & Assert: the client sees the 429 (with its Retry-After) at once.
        Assert.That(() => route.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]),
            Throws.TypeOf<ChatProviderException>().With.Property(nameof(ChatProviderException.RetryAfter)).EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(client.Invocations, Has.Count.EqualTo(1));
        Assert.That(time.Waits, Is.Empty);
    }

    [TestCase(ChatProviderErrorKind.InvalidRequest)]
    [TestCase(ChatProviderErrorKind.ModelNotFound)]
    [TestCase(ChatProviderErrorKind.UpstreamError)]
    public async Task FailuresThatWouldRepeat_AreNotRetried(ChatProviderErrorKind kind)
    {
        // Arrange: a 400, an unknown model, refused credentials (no 5xx behind them).
        var (router, client, _) = Provider(maxRetries: 3);
        Sequence(client, new ChatProviderException(kind, "no"), null);
        var route = await router.ResolveAsync("a/m", CancellationToken.None);

        // Act & Assert
        Assert.That(() => route.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]), Throws.TypeOf<ChatProviderException>());
        Assert.That(client.Invocations, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Default_IsNoRetry()
    {
        // Arrange
        var (router, client, _) = Provider(maxRetries: new ProviderRouteOptions().MaxRetries);
        Sequence(client, RouteHarness.Unavailable, null);
        var route = await router.ResolveAsync("a/m", CancellationToken.None);

        // Act & Assert
        Assert.That(() => route.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]), Throws.TypeOf<ChatProviderException>());
        Assert.That(client.Invocations, Has.Count.EqualTo(1));
    }
}

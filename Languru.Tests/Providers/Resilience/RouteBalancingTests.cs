using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Tests.Providers.Resilience;

public class RouteBalancingTests
{
    private static async Task<Dictionary<string, int>> SpreadAsync(RouteHarness harness, string model, int requests)
    {
        var router = harness.Build();
        var answers = new Dictionary<string, int>();
        for (var i = 0; i < requests; i++)
        {
            var answer = await RouteHarness.AnswerAsync(router, model);
            answers[answer] = answers.GetValueOrDefault(answer) + 1;
        }

        return answers;
    }

    [Test]
    public async Task RoundRobin_SpreadsRequestsEvenly()
    {
        // Arrange
        var harness = new RouteHarness().WithProviders("a", "b", "c");
        harness.Route("llama", "a/m", "b/m", "c/m");

        // Act
        var spread = await SpreadAsync(harness, "llama", 300);

        // Assert
        Assert.That(spread, Is.EquivalentTo(new Dictionary<string, int> { ["from a"] = 100, ["from b"] = 100, ["from c"] = 100 }));
    }

    [Test]
    public async Task Weighted_HonoursTheWeights()
    {
        // Arrange
        var harness = new RouteHarness().WithProviders("a", "b");
        var route = harness.Route("llama", "a/m", "b/m");
        route.Strategy = "weighted";
        route.Weights.AddRange([3, 1]);

        // Act
        var spread = await SpreadAsync(harness, "llama", 400);

        // Assert
        Assert.That(spread, Is.EquivalentTo(new Dictionary<string, int> { ["from a"] = 300, ["from b"] = 100 }));
    }

    [Test]
    public async Task LeastBusy_AvoidsTheTargetWithACallInFlight()
    {
        // Arrange
        var harness = new RouteHarness().WithProviders("a", "b");
        harness.Route("llama", "a/m", "b/m").Strategy = "least-busy";
        var router = harness.Build();
        var held = await router.ResolveAsync("llama", CancellationToken.None);
        await using var stream = held.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]).GetAsyncEnumerator();
        Assert.That(await stream.MoveNextAsync(), Is.True);
        Assert.That(held.Outcome.Provider, Is.EqualTo("a"), "an idle route starts with the first target");

        // Act: ten whole answers while a's stream is open.
        var answers = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await RouteHarness.AnswerAsync(router, "llama"));
        }

        // Assert
        Assert.That(answers, Is.All.EqualTo("from b"));
    }

    [Test]
    public async Task LeastBusy_StreamReadToItsEnd_NoLongerCountsAgainstItsTarget()
    {
        // Arrange: a's stream is read to its end but not yet disposed.
        var harness = new RouteHarness().WithProviders("a", "b");
        harness.Route("llama", "a/m", "b/m").Strategy = "least-busy";
        var router = harness.Build();
        var held = await router.ResolveAsync("llama", CancellationToken.None);
        await using var stream = held.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]).GetAsyncEnumerator();
        while (await stream.MoveNextAsync())
        {
        }

        // Act: ten whole answers (while a's stream was open, every one went to b)
        var answers = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await RouteHarness.AnswerAsync(router, "llama"));
        }

        // Assert: both targets are idle again, so ties take turns
        Assert.That(answers, Does.Contain("from a"));
    }

    [Test]
    public async Task CoolingDownTarget_IsSkipped_ThenTriedAgainAfterTheCooldown()
    {
        // Arrange: a always fails; the threshold is the default (3), the cool-down 30 seconds.
        var harness = new RouteHarness().WithProviders("a", "b");
        harness.Route("llama", "a/m", "b/m").Cooldown = TimeSpan.FromSeconds(30);
        harness.Fails("a", RouteHarness.Unavailable);
        var router = harness.Build();

        // Act & Assert
        for (var i = 0; i < 10; i++)
        {
            Assert.That(await RouteHarness.AnswerAsync(router, "llama"), Is.EqualTo("from b"));
        }

        Assert.That(harness.Calls("a"), Is.EqualTo(3), "three failures in a row, then skipped");

        harness.Time.Advance(TimeSpan.FromSeconds(29));
        await RouteHarness.AnswerAsync(router, "llama");
        await RouteHarness.AnswerAsync(router, "llama");
        Assert.That(harness.Calls("a"), Is.EqualTo(3), "still cooling down");

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await RouteHarness.AnswerAsync(router, "llama");
        await RouteHarness.AnswerAsync(router, "llama");
        Assert.That(harness.Calls("a"), Is.EqualTo(4), "tried again once; failing again, it cools down at once");
    }

    [Test]
    public async Task CooledDownTarget_ThatAnswersAgain_IsBackInTurn()
    {
        // Arrange
        var harness = new RouteHarness().WithProviders("a", "b");
        var route = harness.Route("llama", "a/m", "b/m");
        route.FailureThreshold = 1;
        harness.Fails("a", RouteHarness.Unavailable);
        var router = harness.Build();
        await RouteHarness.AnswerAsync(router, "llama");
        harness.Answers("a");

        // Act
        harness.Time.Advance(route.Cooldown);
        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await RouteHarness.AnswerAsync(router, "llama"));
        }

        // Assert
        Assert.That(answers, Does.Contain("from a"));
    }

    [Test]
    public async Task EveryTargetCoolingDown_TheLeastRecentlyFailedIsTried()
    {
        // Arrange: with a threshold of 1, a and b fail at once; a second later b fails again (through another route).
        var harness = new RouteHarness().WithProviders("a", "b");
        harness.Route("llama", "a/m", "b/m").FailureThreshold = 1;
        harness.Route("solo", "b/m").FailureThreshold = 1;
        harness.Fails("a", RouteHarness.Unavailable);
        harness.Fails("b", new ChatProviderException(ChatProviderErrorKind.Timeout, "slow"));
        var router = harness.Build();
        Assert.ThrowsAsync<ChatProviderException>(() => RouteHarness.AnswerAsync(router, "llama"));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.ThrowsAsync<ChatProviderException>(() => RouteHarness.AnswerAsync(router, "solo"), "a route whose only target cools down still tries it");
        Assert.That((harness.Calls("a"), harness.Calls("b")), Is.EqualTo((1, 2)));
        harness.Answers("a");

        // Act
        var route = await router.ResolveAsync("llama", CancellationToken.None);
        var answer = await route.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        // Assert
        Assert.That(route.Provider.Name, Is.EqualTo("a"), "rather than failing outright, the target that failed longest ago");
        Assert.That(answer.Text, Is.EqualTo("from a"));
        Assert.That(harness.Calls("b"), Is.EqualTo(2));
    }
}

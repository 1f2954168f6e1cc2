using Languru.Providers.Echo;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Languru.Tests.Providers;

public class EchoChatClientTests
{
    private static EchoChatClient Client(TimeSpan delay = default, TimeProvider? time = null) =>
        new("echo", new EchoOptions { DeltaDelay = delay }, time ?? TestClock.Create());

    private static ChatMessage[] Conversation(string lastUser) =>
    [
        new(ChatRole.System, "Be brief."),
        new(ChatRole.User, "first question"),
        new(ChatRole.Assistant, "an answer"),
        new(ChatRole.User, lastUser),
    ];

    [Test]
    public async Task GetResponseAsync_RepliesWithTheLastUserMessageAndCountsWords()
    {
        // Act
        var response = await Client().GetResponseAsync(Conversation("Tell me a joke"), new ChatOptions { ModelId = "m" });

        // Assert
        Assert.That(response.Text, Is.EqualTo("Tell me a joke"));
        Assert.That(response.Messages.Single().Role, Is.EqualTo(ChatRole.Assistant));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(response.ModelId, Is.EqualTo("m"));
        Assert.That(response.Usage!.InputTokenCount, Is.EqualTo(2 + 2 + 2 + 4));
        Assert.That(response.Usage.OutputTokenCount, Is.EqualTo(4));
        Assert.That(response.Usage.TotalTokenCount, Is.EqualTo(14));
    }

    [Test]
    public async Task GetStreamingResponseAsync_WordSizedDeltasThatJoinToTheWholeAnswer()
    {
        // Arrange
        const string text = "  Hello,  how are\tyou? ";

        // Act
        var updates = await Client().GetStreamingResponseAsync(Conversation(text)).ToListAsync();

        // Assert
        var deltas = updates.Where(u => u.Text.Length > 0).Select(u => u.Text).ToList();
        Assert.That(deltas, Is.EqualTo(new[] { "  Hello,", "  how", " are", "\tyou? " }));
        Assert.That(string.Concat(deltas), Is.EqualTo(text));
        var last = updates[^1];
        Assert.That(last.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(last.Contents.OfType<UsageContent>().Single().Details.OutputTokenCount, Is.EqualTo(4));
        Assert.That(updates.Take(updates.Count - 1).All(u => u.FinishReason is null), Is.True);
    }

    [Test]
    public async Task Streamed_AndWhole_AnswersAgree()
    {
        // Arrange
        var options = new ChatOptions { MaxOutputTokens = 3, StopSequences = ["zzz"] };
        var messages = Conversation("one two three four five");

        // Act
        var whole = await Client().GetResponseAsync(messages, options);
        var streamed = await Client().GetStreamingResponseAsync(messages, options).ToListAsync();

        // Assert
        Assert.That(string.Concat(streamed.Select(u => u.Text)), Is.EqualTo(whole.Text));
        Assert.That(streamed[^1].FinishReason, Is.EqualTo(whole.FinishReason));
    }

    [Test]
    public async Task GetResponseAsync_MaxTokens_CutsAndFinishesWithLength()
    {
        // Act
        var response = await Client().GetResponseAsync(Conversation("one two three four"), new ChatOptions { MaxOutputTokens = 2 });

        // Assert
        Assert.That(response.Text, Is.EqualTo("one two"));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Length));
        Assert.That(response.Usage!.OutputTokenCount, Is.EqualTo(2));
    }

    [Test]
    public async Task GetResponseAsync_StopSequence_CutsBeforeItsFirstOccurrence()
    {
        // Act
        var response = await Client().GetResponseAsync(
            Conversation("alpha beta. gamma. delta"),
            new ChatOptions { StopSequences = ["gamma", ". "], MaxOutputTokens = 10 });

        // Assert
        Assert.That(response.Text, Is.EqualTo("alpha beta"));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
    }

    [Test]
    public async Task GetResponseAsync_StopBeforeTheTokenLimit_FinishesWithStop()
    {
        // Act
        var response = await Client().GetResponseAsync(Conversation("a b c. d e f"), new ChatOptions { StopSequences = ["."], MaxOutputTokens = 3 });

        // Assert
        Assert.That(response.Text, Is.EqualTo("a b c"));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
    }

    [Test]
    public async Task GetStreamingResponseAsync_NoUserMessage_StreamsOneEmptyDelta()
    {
        // Act
        var updates = await Client().GetStreamingResponseAsync([new ChatMessage(ChatRole.System, "only system")]).ToListAsync();

        // Assert
        Assert.That(updates.Select(u => u.Text), Is.EqualTo(new[] { "", "" }));
        Assert.That(updates[^1].Contents.OfType<UsageContent>().Single().Details.OutputTokenCount, Is.Zero);
    }

    [Test]
    public async Task GetStreamingResponseAsync_DeltaDelay_PausesBeforeEveryDelta()
    {
        // Arrange
        var time = TestClock.Create();
        await using var updates = Client(TimeSpan.FromMilliseconds(50), time).GetStreamingResponseAsync(Conversation("a b c")).GetAsyncEnumerator();

        // Act and Assert: each of the three deltas comes only once its 50 ms have passed
        for (var i = 0; i < 3; i++)
        {
            var next = updates.MoveNextAsync();
            time.Advance(TimeSpan.FromMilliseconds(49));
            Assert.That(next.IsCompleted, Is.False, $"delta {i} came early");
            time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.That(await next, Is.True);
        }

        Assert.That(await updates.MoveNextAsync(), Is.True, "the usage update follows without a pause");
        Assert.That(updates.Current.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
    }

    [Test]
    public async Task GetResponseAsync_DeltaDelay_WaitsForAllDeltasAtOnce()
    {
        // Arrange
        var time = TestClock.Create();

        // Act
        var response = Client(TimeSpan.FromMilliseconds(20), time).GetResponseAsync(Conversation("a b c d"));
        time.Advance(TimeSpan.FromMilliseconds(79));
        var earlyDone = response.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));

        // Assert: one pause of 4 × 20 ms
        Assert.That(earlyDone, Is.False);
        Assert.That((await response).Text, Is.EqualTo("a b c d"));
    }

    [Test]
    public void GetStreamingResponseAsync_Cancelled_StopsWhileWaiting()
    {
        // Arrange: a clock that never moves, so only cancellation can end the wait
        using var cancel = new CancellationTokenSource();
        var client = Client(TimeSpan.FromSeconds(30), TestClock.Create());

        // Act
        var reading = client.GetStreamingResponseAsync(Conversation("never comes"), cancellationToken: cancel.Token).ToListAsync();
        cancel.Cancel();

        // Assert
        Assert.That(async () => await reading, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void GetService_ReturnsMetadataNamingTheProvider()
    {
        // Act
        var metadata = Client().GetService<ChatClientMetadata>();

        // Assert
        Assert.That(metadata!.ProviderName, Is.EqualTo("echo"));
    }

    [Test]
    public async Task Reply_LongerThanMaxReplyLength_IsCutThereWithFinishReasonLength()
    {
        // Arrange: a 10 MB message, which n choices would otherwise copy n times.
        var client = new EchoChatClient("echo", new EchoOptions { MaxReplyLength = 10 }, TestClock.Create());
        var huge = "abc def " + new string('x', 10_000_000);

        // Act
        var whole = await client.GetResponseAsync([new ChatMessage(ChatRole.User, huge)]);
        var streamed = await client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, huge)]).ToListAsync();

        // Assert
        Assert.That(whole.Text, Is.EqualTo("abc def xx"));
        Assert.That(whole.FinishReason, Is.EqualTo(ChatFinishReason.Length));
        Assert.That(string.Concat(streamed.Select(u => u.Text)), Is.EqualTo("abc def xx"));
        Assert.That(streamed[^1].FinishReason, Is.EqualTo(ChatFinishReason.Length));
    }

    [Test]
    public async Task Reply_AtMaxReplyLength_IsWhole()
    {
        // Arrange
        var client = new EchoChatClient("echo", new EchoOptions { MaxReplyLength = 7 }, TestClock.Create());

        // Act
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "abc def")]);

        // Assert
        Assert.That(response.Text, Is.EqualTo("abc def"));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
    }
}

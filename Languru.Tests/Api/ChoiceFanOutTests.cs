using Languru.Api.Completions;
using Languru.Providers.Chat;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Moq;

namespace Languru.Tests.Api;

public class ChoiceFanOutTests
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "hi")];

    [Test]
    public async Task GetResponsesAsync_N_CallsTheProviderNTimesConcurrently()
    {
        // Arrange
        var started = 0;
        var allStarted = new TaskCompletionSource();
        var client = new Mock<IChatClient>();
        client.Setup(c => c.GetResponseAsync(Messages, It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                if (Interlocked.Increment(ref started) == 3)
                {
                    allStarted.SetResult();
                }

                await allStarted.Task; // completes only if all three calls are in flight together
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"));
            });

        // Act
        var responses = await ChoiceFanOut.GetResponsesAsync(client.Object, Messages, new ChatOptions(), 3, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.That(responses, Has.Count.EqualTo(3));
    }

    [Test]
    public void GetResponsesAsync_OneCallFails_CancelsTheOthersAndReportsTheCause()
    {
        // Arrange
        var cancelled = new TaskCompletionSource();
        var calls = 0;
        var client = new Mock<IChatClient>();
        client.Setup(c => c.GetResponseAsync(Messages, It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(async (IEnumerable<ChatMessage> _, ChatOptions _, CancellationToken token) =>
            {
                if (Interlocked.Increment(ref calls) == 2)
                {
                    throw new ChatProviderException(ChatProviderErrorKind.RateLimited, "slow down");
                }

                token.Register(() => cancelled.TrySetResult());
                await Task.Delay(Timeout.Infinite, token);
                return new ChatResponse();
            });

        // Act
        var ex = Assert.ThrowsAsync<ChatProviderException>(() =>
            ChoiceFanOut.GetResponsesAsync(client.Object, Messages, new ChatOptions(), 3, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));

        // Assert
        Assert.That(ex!.Kind, Is.EqualTo(ChatProviderErrorKind.RateLimited));
        Assert.That(cancelled.Task.IsCompleted, Is.True, "the other calls were cancelled");
    }

    [Test]
    public async Task StreamAsync_N_MergesEveryChoiceWithItsIndex()
    {
        // Arrange
        var client = new Mock<IChatClient>();
        client.Setup(c => c.GetStreamingResponseAsync(Messages, It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns((IEnumerable<ChatMessage> _, ChatOptions _, CancellationToken token) => AsyncEnumerables.Of(Answer("a", "b"), token));

        // Act
        var updates = await ChoiceFanOut.StreamAsync(client.Object, Messages, new ChatOptions(), 3, CancellationToken.None).ToListAsync();

        // Assert
        for (var i = 0; i < 3; i++)
        {
            var mine = updates.Where(u => u.Index == i).ToList();
            Assert.That(mine.Select(u => u.Update.Text), Is.EqualTo(new[] { "a", "b", "" }), $"choice {i} in order, with its finish");
        }

        Assert.That(updates, Has.Count.EqualTo(9));
    }

    [Test]
    public void StreamAsync_OneChoiceEndsWithoutAFinishReason_FailsAsAnUpstreamError()
    {
        // Arrange: choice streams that end cleanly, but one of them before its answer finished.
        var calls = 0;
        var client = new Mock<IChatClient>();
        client.Setup(c => c.GetService(typeof(ChatClientMetadata), null)).Returns(new ChatClientMetadata("up"));
        client.Setup(c => c.GetStreamingResponseAsync(Messages, It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns((IEnumerable<ChatMessage> _, ChatOptions _, CancellationToken token) => Interlocked.Increment(ref calls) == 2
                ? AsyncEnumerables.Of(new[] { new ChatResponseUpdate(ChatRole.Assistant, "cut") }, token)
                : AsyncEnumerables.Of(Answer("whole"), token));

        // Act & Assert
        Assert.That(
            async () => await ChoiceFanOut.StreamAsync(client.Object, Messages, new ChatOptions(), 2, CancellationToken.None).ToListAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)),
            Throws.TypeOf<ChatProviderException>()
                .With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.UpstreamError)
                .And.Property(nameof(ChatProviderException.Provider)).EqualTo("up")
                .And.Message.EqualTo("The provider 'up' ended the stream before the answer finished (no finish_reason); the answer is incomplete."));
    }

    [Test]
    public void StreamAsync_OneChoiceStreamsNothing_FailsBeforeAnyUpdate()
    {
        // Arrange: what an OpenAI-type upstream's HTML page or JSON object becomes in the SDK: no updates at all.
        var client = new Mock<IChatClient>();
        client.Setup(c => c.GetStreamingResponseAsync(Messages, It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(AsyncEnumerables.Of(Array.Empty<ChatResponseUpdate>()));

        // Act & Assert
        Assert.That(
            async () => await ChoiceFanOut.StreamAsync(client.Object, Messages, new ChatOptions(), 1, CancellationToken.None).ToListAsync(),
            Throws.TypeOf<ChatProviderException>().With.Message.StartsWith("The provider ended the stream before the answer finished"));
    }

    [Test]
    public void StreamAsync_OneChoiceFails_TheMergedStreamFailsWithTheCause()
    {
        // Arrange
        var calls = 0;
        var client = new Mock<IChatClient>();
        client.Setup(c => c.GetStreamingResponseAsync(Messages, It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns((IEnumerable<ChatMessage> _, ChatOptions _, CancellationToken token) => Interlocked.Increment(ref calls) == 2
                ? AsyncEnumerables.ThenThrow(new[] { new ChatResponseUpdate(ChatRole.Assistant, "a") }, new ChatProviderException("upstream broke"), token)
                : Forever(token));

        // Act & Assert
        Assert.That(
            async () => await ChoiceFanOut.StreamAsync(client.Object, Messages, new ChatOptions(), 2, CancellationToken.None).ToListAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)),
            Throws.TypeOf<ChatProviderException>().With.Message.EqualTo("upstream broke"));
    }

    [Test]
    public async Task StreamAsync_OneChoice_PassesItsUpdatesThrough()
    {
        // Arrange
        var client = new Mock<IChatClient>();
        client.Setup(c => c.GetStreamingResponseAsync(Messages, It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(AsyncEnumerables.Of(Answer("a")));

        // Act
        var updates = await ChoiceFanOut.StreamAsync(client.Object, Messages, new ChatOptions(), 1, CancellationToken.None).ToListAsync();

        // Assert
        Assert.That(updates.Select(u => (u.Index, u.Update.Text, u.Update.FinishReason)), Is.EqualTo(new[] { (0, "a", (ChatFinishReason?)null), (0, "", ChatFinishReason.Stop) }));
    }

    private static ChatResponseUpdate[] Answer(params string[] texts) =>
        [.. texts.Select(t => new ChatResponseUpdate(ChatRole.Assistant, t)), new ChatResponseUpdate(ChatRole.Assistant, []) { FinishReason = ChatFinishReason.Stop }];

    private static async IAsyncEnumerable<ChatResponseUpdate> Forever([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        await Task.Delay(Timeout.Infinite, token);
        yield break;
    }
}

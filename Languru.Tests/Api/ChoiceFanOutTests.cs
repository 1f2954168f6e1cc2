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
    public async Task StreamAsync_N_MergesEveryChoiceWithItsIndexAndAnEndMarker()
    {
        // Arrange
        var client = new Mock<IChatClient>();
        client.Setup(c => c.GetStreamingResponseAsync(Messages, It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns((IEnumerable<ChatMessage> _, ChatOptions _, CancellationToken token) =>
                AsyncEnumerables.Of(new[] { new ChatResponseUpdate(ChatRole.Assistant, "a"), new ChatResponseUpdate(ChatRole.Assistant, "b") }, token));

        // Act
        var updates = await ChoiceFanOut.StreamAsync(client.Object, Messages, new ChatOptions(), 3, CancellationToken.None).ToListAsync();

        // Assert
        for (var i = 0; i < 3; i++)
        {
            var mine = updates.Where(u => u.Index == i).ToList();
            Assert.That(mine.Select(u => u.Update?.Text), Is.EqualTo(new[] { "a", "b", null }), $"choice {i} in order, then its end");
        }

        Assert.That(updates, Has.Count.EqualTo(9));
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
    public async Task StreamAsync_OneChoice_EndsWithItsMarker()
    {
        // Arrange
        var client = new Mock<IChatClient>();
        client.Setup(c => c.GetStreamingResponseAsync(Messages, It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(AsyncEnumerables.Of(new[] { new ChatResponseUpdate(ChatRole.Assistant, "a") }));

        // Act
        var updates = await ChoiceFanOut.StreamAsync(client.Object, Messages, new ChatOptions(), 1, CancellationToken.None).ToListAsync();

        // Assert
        Assert.That(updates.Select(u => (u.Index, u.Update?.Text)), Is.EqualTo(new[] { (0, (string?)"a"), (0, null) }));
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Forever([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        await Task.Delay(Timeout.Infinite, token);
        yield break;
    }
}

using Languru.Api.Streaming;
using Languru.Providers.Chat;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Moq;

namespace Languru.Tests.Api;

/// <summary>The stream rule on its own, over updates that are ready at once (no await) and over awaited ones.</summary>
public class StreamRuleTests
{
    private static IAsyncEnumerable<ChatResponseUpdate> Source(bool ready, params ChatResponseUpdate[] updates) =>
        ready ? AsyncEnumerables.Ready(updates) : AsyncEnumerables.Of(updates);

    [TestCase(true)]
    [TestCase(false)]
    public async Task RequireFinish_Finished_PassesEveryUpdateSelected(bool ready)
    {
        // Arrange
        var updates = Source(ready, new ChatResponseUpdate(ChatRole.Assistant, "a"), new ChatResponseUpdate(ChatRole.Assistant, "b") { FinishReason = ChatFinishReason.Stop });

        // Act
        var texts = await StreamRule.RequireFinish(updates, Mock.Of<IChatClient>(), static u => u.Text, CancellationToken.None).ToListAsync();

        // Assert
        Assert.That(texts, Is.EqualTo(new[] { "a", "b" }));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task RequireFinish_EndsWithoutAFinishReason_FailsAfterTheLastUpdateAndThenStaysEnded(bool ready)
    {
        // Arrange
        var received = new List<string>();
        await using var updates = StreamRule.RequireFinish(Source(ready, new ChatResponseUpdate(ChatRole.Assistant, "cut")), Mock.Of<IChatClient>(), CancellationToken.None)
            .GetAsyncEnumerator();

        // Act
        Assert.That(await updates.MoveNextAsync(), Is.True);
        received.Add(updates.Current.Text);
        var failure = Assert.ThrowsAsync<ChatProviderException>(async () => await updates.MoveNextAsync());
        var again = await updates.MoveNextAsync();

        // Assert
        Assert.That(received, Is.EqualTo(new[] { "cut" }));
        Assert.That(failure!.Kind, Is.EqualTo(ChatProviderErrorKind.UpstreamError));
        Assert.That(again, Is.False);
    }
}

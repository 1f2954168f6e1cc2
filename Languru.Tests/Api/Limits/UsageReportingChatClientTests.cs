using System.Threading.RateLimiting;
using Languru.Api.Limits;
using Languru.Providers.Chat;
using Languru.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Languru.Tests.Api.Limits;

/// <summary>A stream's usage reaches the rate limits before the update that carries it goes on.</summary>
public class UsageReportingChatClientTests
{
    private static readonly UsageDetails Usage = new() { InputTokenCount = 3, OutputTokenCount = 4, TotalTokenCount = 7 };

    private static ChatResponseUpdate[] Stream() =>
    [
        new(ChatRole.Assistant, "hello") { FinishReason = ChatFinishReason.Stop },
        new(ChatRole.Assistant, [new UsageContent(Usage)]),
    ];

    private static (UsageReportingChatClient Client, Counters Counters) Reporting(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var inner = new Mock<IChatClient>();
        inner.Setup(c => c.GetStreamingResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(updates);
        var counters = new Counters();
        var admission = new RateLimitAdmission(
            counters, TimeProvider.System, NullLogger.Instance, "key:team", slot: null, estimatedTokens: 100, DateTimeOffset.UnixEpoch, new DefaultHttpContext().Response);
        return (new UsageReportingChatClient(inner.Object, admission), counters);
    }

    [Test]
    public async Task GetStreamingResponseAsync_ReportIsSlow_TheUsageUpdateWaitsForIt()
    {
        // Arrange
        var (client, counters) = Reporting(AsyncEnumerables.Of(Stream()));
        await using var updates = client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]).GetAsyncEnumerator();
        Assert.That(await updates.MoveNextAsync(), Is.True);

        // Act
        var next = updates.MoveNextAsync().AsTask();
        await counters.Adjusting.Task;
        var heldWhileReporting = !next.IsCompleted;
        counters.Release.SetResult();
        var moved = await next;

        // Assert: the estimate of 100 was replaced by the 7 tokens used
        Assert.That(heldWhileReporting, Is.True);
        Assert.That(moved, Is.True);
        Assert.That(updates.Current.Contents.OfType<UsageContent>().Single().Details, Is.SameAs(Usage));
        Assert.That(counters.Adjustments, Is.EqualTo(new[] { -93L }));
    }

    [Test]
    public async Task GetStreamingResponseAsync_UpstreamFailsAfterTheUsage_TheUsageWasReported()
    {
        // Arrange
        var failure = new ChatProviderException(ChatProviderErrorKind.UpstreamError, "cut");
        var (client, counters) = Reporting(AsyncEnumerables.ThenThrow(Stream(), failure));
        counters.Release.SetResult();

        // Act
        var thrown = Assert.ThrowsAsync<ChatProviderException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]))
            {
                _ = update;
            }
        });

        // Assert
        Assert.That(thrown, Is.SameAs(failure));
        Assert.That(counters.Adjustments, Is.EqualTo(new[] { -93L }));
    }

    /// <summary>Counters whose adjustments wait for <see cref="Release"/>, as a remote store's would.</summary>
    private sealed class Counters : IRateLimitCounters
    {
        public TaskCompletionSource Adjusting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<long> Adjustments { get; } = [];

        public ValueTask<RateLimitDecision> TryAcquireAsync(string partition, IReadOnlyList<WindowCharge> charges, DateTimeOffset now, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public async ValueTask AdjustAsync(
            string partition, string counter, TimeSpan window, long amount, DateTimeOffset chargedAt, DateTimeOffset now, CancellationToken cancellationToken)
        {
            Adjusting.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            Adjustments.Add(amount);
        }

        public ValueTask<RateLimitLease> TryAcquireSlotAsync(string partition, int limit, DateTimeOffset now, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}

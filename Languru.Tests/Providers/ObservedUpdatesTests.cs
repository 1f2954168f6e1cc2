using Languru.Providers.Chat;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Languru.Tests.Providers;

/// <summary>The pass-through that lets middleware watch a stream without an async iterator of its own.</summary>
public class ObservedUpdatesTests
{
    private static ChatResponseUpdate[] Updates(params string[] texts) => [.. texts.Select(t => new ChatResponseUpdate(ChatRole.Assistant, t))];

    private static async Task<List<string>> ReadAsync(IAsyncEnumerable<ChatResponseUpdate> updates, List<string> log)
    {
        var texts = new List<string>();
        await foreach (var update in updates)
        {
            log.Add($"passed {update.Text}");
            texts.Add(update.Text);
        }

        return texts;
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Enumerate_ReadyOrAwaited_PassesEveryUpdateAfterObservingItThenEndsOnce(bool ready)
    {
        // Arrange
        var log = new List<string>();
        var source = Updates("a", "b", "c");
        var observed = new Recording(ready ? AsyncEnumerables.Ready(source) : AsyncEnumerables.Of(source), log);

        // Act
        var texts = await ReadAsync(observed, log);

        // Assert
        Assert.That(texts, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(log, Is.EqualTo(new[] { "started", "saw a", "passed a", "saw b", "passed b", "saw c", "passed c", "ended" }));
    }

    [Test]
    public async Task Enumerate_UpstreamFailsMidway_EndsWithTheFailureBeforeTheConsumerSeesIt()
    {
        // Arrange
        var log = new List<string>();
        var failure = new ChatProviderException(ChatProviderErrorKind.UpstreamError, "cut");
        var observed = new Recording(AsyncEnumerables.ThenThrow(Updates("a"), failure), log);

        // Act
        var thrown = Assert.ThrowsAsync<ChatProviderException>(() => ReadAsync(observed, log));

        // Assert
        Assert.That(thrown, Is.SameAs(failure));
        Assert.That(log, Is.EqualTo(new[] { "started", "saw a", "passed a", "ended ChatProviderException" }));
    }

    [Test]
    public async Task Enumerate_ConsumerStopsEarly_EndsWithoutFailureAndDisposesTheSource()
    {
        // Arrange
        var log = new List<string>();
        var source = new DisposalTracking(AsyncEnumerables.Ready(Updates("a", "b")));
        var observed = new Recording(source, log);

        // Act
        await foreach (var update in observed)
        {
            log.Add($"passed {update.Text}");
            break;
        }

        // Assert
        Assert.That(log, Is.EqualTo(new[] { "started", "saw a", "passed a", "ended" }));
        Assert.That(source.Disposed, Is.True);
    }

    [Test]
    public async Task Enumerate_ObservationNotYetComplete_HoldsTheUpdateUntilItCompletes()
    {
        // Arrange
        var log = new List<string>();
        var report = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var observed = new Recording(AsyncEnumerables.Ready(Updates("a", "b")), log) { Pending = report.Task };
        await using var updates = observed.GetAsyncEnumerator();

        // Act
        var next = updates.MoveNextAsync();
        var heldWhilePending = !next.IsCompleted;
        report.SetResult();
        var moved = await next;

        // Assert
        Assert.That(heldWhilePending, Is.True);
        Assert.That(moved, Is.True);
        Assert.That(updates.Current.Text, Is.EqualTo("a"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Enumerate_ObservationFails_TheConsumerSeesTheFailureAndTheStreamEndsWithIt(bool throwsAtOnce)
    {
        // Arrange: the observation's task faults, or the observation throws before it returns one.
        var log = new List<string>();
        var failure = new OperationCanceledException();
        var observed = new Recording(AsyncEnumerables.Ready(Updates("a")), log) { Pending = Task.FromException(failure), ThrowsAtOnce = throwsAtOnce };

        // Act + Assert
        Assert.ThrowsAsync<OperationCanceledException>(() => ReadAsync(observed, log));
        Assert.That(log, Is.EqualTo(new[] { "started", "saw a", "ended OperationCanceledException" }), "ended once, with the failure, not as a clean end at dispose");
    }

    [Test]
    public void GetAsyncEnumerator_Twice_Throws()
    {
        // Arrange
        var observed = new Recording(AsyncEnumerables.Ready(Updates("a")), []);
        _ = observed.GetAsyncEnumerator();

        // Act + Assert
        Assert.Throws<InvalidOperationException>(() => observed.GetAsyncEnumerator());
    }

    [Test]
    public async Task Dispose_NeverMoved_DoesNotEnd()
    {
        // Arrange
        var log = new List<string>();
        var observed = new Recording(AsyncEnumerables.Ready(Updates("a")), log);

        // Act
        await observed.GetAsyncEnumerator().DisposeAsync();

        // Assert
        Assert.That(log, Is.Empty);
    }

    /// <summary>Logs what it is told, in order; each observation completes when <see cref="Pending"/> does.</summary>
    private sealed class Recording(IAsyncEnumerable<ChatResponseUpdate> updates, List<string> log) : ObservedUpdates(updates)
    {
        public Task Pending { get; init; } = Task.CompletedTask;

        /// <summary>Whether a faulted <see cref="Pending"/> is thrown by the observation itself instead of returned.</summary>
        public bool ThrowsAtOnce { get; init; }

        protected override void OnStarted() => log.Add("started");

        protected override ValueTask ObserveAsync(ChatResponseUpdate update)
        {
            log.Add($"saw {update.Text}");
            if (ThrowsAtOnce && Pending.Exception is { } failed)
            {
                throw failed.InnerException!;
            }

            return new ValueTask(Pending);
        }

        protected override void OnEnded(Exception? failure) => log.Add(failure is null ? "ended" : $"ended {failure.GetType().Name}");
    }

    private sealed class DisposalTracking(IAsyncEnumerable<ChatResponseUpdate> inner) : IAsyncEnumerable<ChatResponseUpdate>
    {
        public bool Disposed { get; private set; }

        public async IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            try
            {
                await foreach (var update in inner.WithCancellation(cancellationToken))
                {
                    yield return update;
                }
            }
            finally
            {
                Disposed = true;
            }
        }
    }
}

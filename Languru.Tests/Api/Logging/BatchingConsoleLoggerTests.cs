using System.Text;
using System.Text.RegularExpressions;
using Languru.Api.Logging;
using Microsoft.Extensions.Logging;

namespace Languru.Tests.Api.Logging;

/// <summary>
/// The batching console logger writes what Microsoft's console logger writes, byte for byte, in order, bounded, and
/// everything on dispose.
/// </summary>
public partial class BatchingConsoleLoggerTests
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private static readonly (string, string)[][] Configurations =
    [
        [], // FormatterName unset, as the gateway ships
        [("FormatterName", "simple"), ("FormatterOptions:IncludeScopes", "true"), ("LogToStandardErrorThreshold", "Error")],
        [("FormatterName", "simple"), ("FormatterOptions:SingleLine", "true"), ("FormatterOptions:IncludeScopes", "true"), ("FormatterOptions:ColorBehavior", "Enabled")],
        [("FormatterName", "json"), ("FormatterOptions:IncludeScopes", "true"), ("LogToStandardErrorThreshold", "Warning")],
        [("FormatterName", "systemd"), ("FormatterOptions:IncludeScopes", "true")],
    ];

    [TestCaseSource(nameof(Configurations))]
    public void Log_RequestLineScopeExceptionAndError_WritesTheBytesMicrosoftsConsoleLoggerWrites((string, string)[] settings)
    {
        // Arrange
        using var fixtures = new ConsoleLogFixtures(settings);
        var expected = fixtures.Library(ConsoleLogEntries.Write);

        // Act
        var (output, error) = fixtures.Batching(ConsoleLogEntries.Write);

        // Assert
        Assert.That(expected.Out + expected.Error, Does.Contain("/v1/chat/completions").And.Contain("upstream said no").And.Contain("gpt-4o"), "the entries were written");
        Assert.That(Utf8.GetString(output), Is.EqualTo(expected.Out));
        Assert.That(Utf8.GetString(error), Is.EqualTo(expected.Error));
        Assert.That(output, Is.EqualTo(Utf8.GetBytes(expected.Out)));
    }

    [Test]
    public void Log_EntryLongerThanOneWrite_WritesTheBytesMicrosoftsConsoleLoggerWrites()
    {
        // Arrange: some 250 KB of UTF-8, with two- and four-byte characters across the writer's 64 KB pieces.
        using var fixtures = new ConsoleLogFixtures(("FormatterName", "simple"));
        var huge = string.Concat(Enumerable.Repeat("é😀x", 30_000));
        void Log(ILoggerFactory factory)
        {
            var logger = factory.CreateLogger(ConsoleLogEntries.Category);
            ConsoleLogEntries.Served(logger, "POST", "/v1/chat/completions", 200, 1, huge);
        }

        var expected = fixtures.Library(Log);

        // Act
        var (output, _) = fixtures.Batching(Log);

        // Assert
        Assert.That(expected.Out, Does.Contain(huge));
        Assert.That(output, Is.EqualTo(Utf8.GetBytes(expected.Out)));
    }

    [Test]
    public void Log_ErrorsAtTheThreshold_GoToStderrBetweenTheLinesAroundThem()
    {
        // Arrange
        using var fixtures = new ConsoleLogFixtures(("FormatterName", "simple"), ("FormatterOptions:SingleLine", "true"), ("LogToStandardErrorThreshold", "Error"));

        // Act
        var (output, error) = fixtures.Batching(ConsoleLogEntries.Write);

        // Assert
        Assert.That(Utf8.GetString(error), Does.StartWith("fail: Languru.Requests[420] Model gpt-4o is broken"));
        Assert.That(Utf8.GetString(output), Does.Not.Contain("gpt-4o"));
    }

    [Test]
    public void Log_ManyThreads_KeepsEachThreadsOrderAndLosesNothing()
    {
        // Arrange
        const int Threads = 8, Entries = 2_000;
        using var fixtures = new ConsoleLogFixtures(("FormatterName", "simple"), ("FormatterOptions:SingleLine", "true"));
        using var output = new MemoryStream();
        var provider = fixtures.Batching(new ConsoleBatchWriter(output, Stream.Null, Utf8, TimeSpan.FromMilliseconds(1)));

        // Act
        using (var factory = ConsoleLogFixtures.Factory(provider))
        {
            var logger = factory.CreateLogger(ConsoleLogEntries.Category);
            Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
            {
                for (var entry = 0; entry < Entries; entry++)
                {
                    ConsoleLogEntries.Numbered(logger, thread, entry);
                }
            });
        }

        provider.Dispose();

        // Assert
        var lines = Utf8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(Threads * Entries));
        var next = new int[Threads];
        foreach (var line in lines)
        {
            var match = NumberedLine().Match(line);
            Assert.That(match.Success, Is.True, line);
            var thread = int.Parse(match.Groups["thread"].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(int.Parse(match.Groups["entry"].Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(next[thread]++), line);
        }
    }

    [Test]
    public void Dispose_EntriesStillBeingGathered_WritesThemAll()
    {
        // Arrange: the writer would gather for an hour; only Dispose makes it write.
        using var fixtures = new ConsoleLogFixtures(("FormatterName", "simple"), ("FormatterOptions:SingleLine", "true"), ("MaxQueueLength", "100000"));
        using var output = new MemoryStream();
        var provider = fixtures.Batching(new ConsoleBatchWriter(output, Stream.Null, Utf8, TimeSpan.FromHours(1)));
        using var factory = ConsoleLogFixtures.Factory(provider);
        var logger = factory.CreateLogger(ConsoleLogEntries.Category);
        for (var entry = 0; entry < 5_000; entry++)
        {
            ConsoleLogEntries.Numbered(logger, 0, entry);
        }

        var before = output.Length;

        // Act
        provider.Dispose();

        // Assert
        Assert.That(before, Is.Zero, "nothing was written before Dispose");
        var lines = Utf8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(5_000));
        Assert.That(lines[^1], Is.EqualTo("info: Languru.Requests[1] thread 0 entry 4999"));
    }

    [Test]
    public void OnProcessExit_EntriesStillBeingGathered_WritesThemAll()
    {
        // Arrange: a process that ends without disposing the host (RunLanguru's start-up failure path).
        using var fixtures = new ConsoleLogFixtures(("FormatterName", "simple"), ("FormatterOptions:SingleLine", "true"));
        using var output = new MemoryStream();
        var writer = new ConsoleBatchWriter(output, Stream.Null, Utf8, TimeSpan.FromHours(1));
        var logger = fixtures.Batching(writer).CreateLogger(ConsoleLogEntries.Category);
        ConsoleLogEntries.Numbered(logger, 0, 7);

        // Act
        writer.OnProcessExit(null, EventArgs.Empty);

        // Assert
        Assert.That(Utf8.GetString(output.ToArray()), Is.EqualTo("info: Languru.Requests[1] thread 0 entry 7\n"));
    }

    [Test]
    public void Log_AfterDispose_IsWrittenAtOnce()
    {
        // Arrange
        using var fixtures = new ConsoleLogFixtures(("FormatterName", "simple"), ("FormatterOptions:SingleLine", "true"));
        using var output = new MemoryStream();
        var provider = fixtures.Batching(new ConsoleBatchWriter(output, Stream.Null, Utf8, TimeSpan.FromHours(1)));
        var logger = provider.CreateLogger(ConsoleLogEntries.Category);
        provider.Dispose();

        // Act
        ConsoleLogEntries.Numbered(logger, 0, 1);

        // Assert
        Assert.That(Utf8.GetString(output.ToArray()), Is.EqualTo("info: Languru.Requests[1] thread 0 entry 1\n"));
    }

    [Test]
    public async Task Log_AfterDisposeWhileTheLastBatchesAreWritten_ComesAfterTheEntriesQueuedBeforeIt()
    {
        // Arrange: the writer is held writing entry 0, entry 1 waits in the queue, and Dispose is draining.
        using var fixtures = new ConsoleLogFixtures(("FormatterName", "simple"), ("FormatterOptions:SingleLine", "true"));
        using var output = new GatedStream();
        var writer = new ConsoleBatchWriter(output, Stream.Null, Utf8, TimeSpan.Zero);
        var provider = fixtures.Batching(writer);
        var logger = provider.CreateLogger(ConsoleLogEntries.Category);
        ConsoleLogEntries.Numbered(logger, 0, 0);
        output.WaitUntilWriting();
        ConsoleLogEntries.Numbered(logger, 0, 1);
        var disposed = Task.Run(provider.Dispose);
        Assert.That(SpinWait.SpinUntil(() => writer.Completed, TimeSpan.FromSeconds(30)), Is.True, "Dispose began");

        // Act: a service that logs while the host is torn down.
        var late = Task.Run(() => ConsoleLogEntries.Numbered(logger, 0, 2));
        var lateReturnedWhileHeld = late.Wait(TimeSpan.FromSeconds(30));
        output.Release();
        await Task.WhenAll(disposed, late).WaitAsync(TimeSpan.FromSeconds(30));

        // Assert: queued behind entry 1 (not written on the caller's thread, ahead of it or stuck behind the stalled
        // write), and written before Dispose returned.
        Assert.That(lateReturnedWhileHeld, Is.True, "the late entry was queued while the writer was held");
        Assert.That(output.Text(), Is.EqualTo(string.Concat(Enumerable.Range(0, 3).Select(i => $"info: Languru.Requests[1] thread 0 entry {i}\n"))));
    }

    [Test]
    public async Task Log_QueueFullInWaitMode_WaitsForRoomThenWritesEverythingInOrder()
    {
        // Arrange
        using var fixtures = new ConsoleLogFixtures(("FormatterName", "simple"), ("FormatterOptions:SingleLine", "true"), ("MaxQueueLength", "2"), ("QueueFullMode", "Wait"));
        using var output = new GatedStream();
        var (writer, provider, logger) = HeldWithAFullQueue(fixtures, output, Stream.Null);

        // Act
        var third = Task.Run(() => ConsoleLogEntries.Numbered(logger, 0, 3));
        var waited = SpinWait.SpinUntil(() => writer.Waiting == 1, TimeSpan.FromSeconds(30));
        var completedWhileFull = third.IsCompleted;
        output.Release();
        await third.WaitAsync(TimeSpan.FromSeconds(30));
        provider.Dispose();

        // Assert
        Assert.That(waited, Is.True, "the caller waited for room");
        Assert.That(completedWhileFull, Is.False);
        Assert.That(output.Text(), Is.EqualTo(string.Concat(Enumerable.Range(0, 4).Select(i => $"info: Languru.Requests[1] thread 0 entry {i}\n"))));
    }

    [Test]
    public void Log_QueueFullInDropWriteMode_DropsAndLaterSaysHowManyOnStderr()
    {
        // Arrange
        using var fixtures = new ConsoleLogFixtures(("FormatterName", "simple"), ("FormatterOptions:SingleLine", "true"), ("MaxQueueLength", "2"), ("QueueFullMode", "DropWrite"));
        using var output = new GatedStream();
        using var error = new MemoryStream();
        var (writer, provider, logger) = HeldWithAFullQueue(fixtures, output, error);

        // Act
        ConsoleLogEntries.Numbered(logger, 0, 3);
        ConsoleLogEntries.Numbered(logger, 0, 4);
        output.Release();
        Assert.That(SpinWait.SpinUntil(() => writer.Queued == 0, TimeSpan.FromSeconds(30)), Is.True, "the writer took the queue");
        ConsoleLogEntries.Numbered(logger, 0, 5);
        provider.Dispose();

        // Assert
        Assert.That(output.Text(), Is.EqualTo(string.Concat(new[] { 0, 1, 2, 5 }.Select(i => $"info: Languru.Requests[1] thread 0 entry {i}\n"))));
        Assert.That(Utf8.GetString(error.ToArray()), Is.EqualTo(
            "2 message(s) dropped because of queue size limit. Increase the queue size or decrease logging verbosity to avoid this.\n\n"));
    }

    /// <summary>A writer held in the middle of writing entry 0 (by <paramref name="output"/>), with 1 and 2 filling a queue of two.</summary>
    private static (ConsoleBatchWriter Writer, BatchingConsoleLoggerProvider Provider, ILogger Logger) HeldWithAFullQueue(ConsoleLogFixtures fixtures, GatedStream output, Stream error)
    {
        var writer = new ConsoleBatchWriter(output, error, Utf8, TimeSpan.Zero);
        var provider = fixtures.Batching(writer);
        var logger = provider.CreateLogger(ConsoleLogEntries.Category);
        ConsoleLogEntries.Numbered(logger, 0, 0);
        output.WaitUntilWriting();
        ConsoleLogEntries.Numbered(logger, 0, 1);
        ConsoleLogEntries.Numbered(logger, 0, 2);
        return (writer, provider, logger);
    }

    [GeneratedRegex(@"^info: Languru\.Requests\[1\] thread (?<thread>\d+) entry (?<entry>\d+)$")]
    private static partial Regex NumberedLine();
}

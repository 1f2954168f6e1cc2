using System.Text;
using Microsoft.Extensions.Logging.Console;

namespace Languru.Api.Logging;

/// <summary>
/// The queue between the loggers and the standard streams. A logging thread appends its formatted entry under a lock;
/// the first entry into an empty queue wakes one background thread, which waits <see cref="Delay"/> for more, then
/// takes everything queued and writes it, encoded as the console encodes it, with one write per run of entries bound
/// for the same stream (usually one write per batch), in the order the entries were queued. Bounded like Microsoft's
/// console logger: at most <see cref="ConsoleLoggerOptions.MaxQueueLength"/> entries wait; when the queue is full,
/// <see cref="ConsoleLoggerQueueFullMode.Wait"/> makes the caller wait for the writer and
/// <see cref="ConsoleLoggerQueueFullMode.DropWrite"/> drops the entry and later writes how many were dropped to stderr.
/// <see cref="Dispose"/> writes everything still queued; entries that come while it does are queued behind it, and those
/// that come once the writer has stopped are written at once, on the caller's thread.
/// </summary>
internal sealed class ConsoleBatchWriter : IDisposable
{
    /// <summary>How long the writer gathers entries after the first one of a batch.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromMilliseconds(20);

    // How long Dispose waits for the last batches (a stalled reader of stdout must not hold the process forever).
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly object _gate = new();
    private readonly object _writing = new();
    private readonly Stream _output;
    private readonly Stream _error;
    private readonly Thread _thread;
    private readonly Encoder _encoder;
    private readonly byte[] _bytes = new byte[64 * 1024];
    private ConsoleBatch _queued = new();
    private ConsoleBatch _spare = new();
    private int _dropped;
    private int _waiting;
    private bool _completed;
    private bool _stopped;
    private bool _drainsOnProcessExit;

    public ConsoleBatchWriter(Stream output, Stream error, Encoding encoding, TimeSpan delay)
    {
        _output = output;
        _error = error;
        _encoder = encoding.GetEncoder();
        Delay = delay;
        _thread = new Thread(Run) { IsBackground = true, Name = "Languru console log writer" };
        _thread.Start();
    }

    public TimeSpan Delay { get; }

    /// <summary>The entries waiting for the writer (for tests).</summary>
    internal int Queued
    {
        get
        {
            lock (_gate)
            {
                return _queued.Count;
            }
        }
    }

    /// <summary>Whether <see cref="Dispose"/> has begun (for tests).</summary>
    internal bool Completed
    {
        get
        {
            lock (_gate)
            {
                return _completed;
            }
        }
    }

    /// <summary>The callers waiting for room in a full queue (for tests).</summary>
    internal int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting;
            }
        }
    }

    /// <summary>
    /// The process's stdout and stderr, in the console's encoding (what <c>Console.Out</c> would write). Also written
    /// out when the process exits without disposing the host (a start-up failure that <c>RunLanguru</c> reports).
    /// </summary>
    public static ConsoleBatchWriter ForStandardStreams()
    {
        var writer = new ConsoleBatchWriter(Console.OpenStandardOutput(), Console.OpenStandardError(), Console.OutputEncoding, DefaultDelay);
        AppDomain.CurrentDomain.ProcessExit += writer.OnProcessExit;
        writer._drainsOnProcessExit = true;
        return writer;
    }

    /// <summary>What the process's exit does: the same as <see cref="Dispose"/>.</summary>
    internal void OnProcessExit(object? sender, EventArgs e) => Dispose();

    /// <summary>Queues a copy of <paramref name="text"/>, one formatted entry.</summary>
    public void Enqueue(StringBuilder text, bool toError, int maxQueueLength, ConsoleLoggerQueueFullMode fullMode)
    {
        lock (_gate)
        {
            while (_queued.Count >= maxQueueLength && !_stopped)
            {
                if (fullMode == ConsoleLoggerQueueFullMode.DropWrite)
                {
                    _dropped++;
                    return;
                }

                // Full: the writer writes now rather than after its delay, and wakes the waiting callers once it has
                // taken the batch.
                _waiting++;
                Monitor.PulseAll(_gate);
                Monitor.Wait(_gate);
                _waiting--;
            }

            // Until the writer has stopped (also while Dispose drains), an entry waits its turn behind the queued ones.
            if (!_stopped)
            {
                var wasEmpty = _queued.Count == 0;
                if (_dropped > 0)
                {
                    _queued.Add(DroppedNotice(_dropped), toError: true);
                    _dropped = 0;
                }

                _queued.Add(text, toError);
                if (wasEmpty)
                {
                    Monitor.PulseAll(_gate);
                }

                return;
            }
        }

        // After the writer stopped (services that log while the host is torn down): written at once, on the caller's
        // thread.
        var single = new ConsoleBatch();
        single.Add(text, toError);
        Write(single);
    }

    /// <summary>Writes everything queued, then stops the writer thread.</summary>
    public void Dispose()
    {
        if (_drainsOnProcessExit)
        {
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        }

        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }

        _thread.Join(DrainTimeout);
    }

    // The notice Microsoft's console logger writes to stderr after it dropped entries (DropWrite).
    internal static string DroppedNotice(int dropped) =>
        $"{dropped} message(s) dropped because of queue size limit. Increase the queue size or decrease logging verbosity to avoid this.{Environment.NewLine}{Environment.NewLine}";

    private void Run()
    {
        while (true)
        {
            ConsoleBatch batch;
            lock (_gate)
            {
                while (_queued.Count == 0 && !_completed)
                {
                    Monitor.Wait(_gate);
                }

                if (_queued.Count == 0)
                {
                    // Completed, and everything is written: from now on the callers write.
                    _stopped = true;
                    return;
                }

                if (!_completed && _waiting == 0)
                {
                    // Gather: a full queue or Dispose cuts this short.
                    Monitor.Wait(_gate, Delay);
                }

                batch = _queued;
                _queued = _spare;
                _spare = batch;

                // Callers waiting for room (QueueFullMode.Wait).
                Monitor.PulseAll(_gate);
            }

            Write(batch);
            batch.Clear();
        }
    }

    private void Write(ConsoleBatch batch)
    {
        lock (_writing)
        {
            var start = 0;
            foreach (var (end, toError) in batch.Runs)
            {
                var stream = toError ? _error : _output;
                var text = batch.Text[start..end];
                start = end;
                try
                {
                    // In pieces of at most the buffer's size: one write for any batch of request lines up to some
                    // 64 KB (a pipe's capacity), without a buffer sized for the encoding's worst case.
                    _encoder.Reset();
                    var completed = false;
                    while (!completed)
                    {
                        _encoder.Convert(text, _bytes, flush: true, out var used, out var length, out completed);
                        stream.Write(_bytes, 0, length);
                        text = text[used..];
                    }

                    stream.Flush();
                }
#pragma warning disable CA1031 // A console that cannot be written to (closed pipe) loses this batch, not the process.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            }
        }
    }
}

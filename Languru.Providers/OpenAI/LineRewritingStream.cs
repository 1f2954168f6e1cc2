using System.Runtime.ExceptionServices;

namespace Languru.Providers.OpenAI;

/// <summary>
/// A read-only stream that passes an upstream stream through line by line, letting a function rewrite each complete
/// line. Each line is handed on as soon as its newline arrives, so nothing is held back longer than the line itself.
/// Lines are copied into reused buffers: a stream costs no allocation per line unless a line is rewritten. A rewriter
/// that throws ends the stream with its exception, after every line before the refused one has been read.
/// </summary>
internal sealed class LineRewritingStream(Stream inner, LineRewritingStream.Rewriter rewrite) : Stream
{
    private readonly byte[] _read = new byte[16 * 1024];
    private byte[] _line = new byte[4 * 1024]; // the start of a line whose newline has not arrived yet
    private int _lineLength;
    private byte[] _out = new byte[16 * 1024]; // complete lines, rewritten, not yet read
    private int _outStart;
    private int _outEnd;
    private bool _innerDone;
    private ExceptionDispatchInfo? _failure;

    /// <summary>Returns the replacement for a line (without its newline), or null to keep it.</summary>
    public delegate byte[]? Rewriter(ReadOnlySpan<byte> line);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_outStart == _outEnd)
        {
            if (_innerDone)
            {
                _failure?.Throw();
                return 0;
            }

            _outStart = _outEnd = 0;
            var read = await inner.ReadAsync(_read, cancellationToken);
            try
            {
                if (read == 0)
                {
                    _innerDone = true;
                    if (_lineLength > 0)
                    {
                        Emit(_line.AsSpan(0, _lineLength), newline: false);
                        _lineLength = 0;
                    }
                }
                else
                {
                    Take(_read.AsSpan(0, read));
                }
            }
            catch (Exception ex)
            {
                // A line the rewriter refuses ends the stream, but only after the lines before it (often in the same read) were passed on.
                _failure = ExceptionDispatchInfo.Capture(ex);
                _innerDone = true;
            }
        }

        var n = Math.Min(buffer.Length, _outEnd - _outStart);
        _out.AsSpan(_outStart, n).CopyTo(buffer.Span);
        _outStart += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Emits every line that <paramref name="data"/> completes, and keeps the rest for the next read.</summary>
    private void Take(ReadOnlySpan<byte> data)
    {
        for (var newline = data.IndexOf((byte)'\n'); newline >= 0; newline = data.IndexOf((byte)'\n'))
        {
            if (_lineLength == 0)
            {
                Emit(data[..newline], newline: true); // the usual case: the whole line came in this read
            }
            else
            {
                AppendToLine(data[..newline]);
                Emit(_line.AsSpan(0, _lineLength), newline: true);
                _lineLength = 0;
            }

            data = data[(newline + 1)..];
        }

        AppendToLine(data);
    }

    private void AppendToLine(ReadOnlySpan<byte> piece)
    {
        if (_lineLength + piece.Length > _line.Length)
        {
            Array.Resize(ref _line, Math.Max(_line.Length * 2, _lineLength + piece.Length));
        }

        piece.CopyTo(_line.AsSpan(_lineLength));
        _lineLength += piece.Length;
    }

    private void Emit(ReadOnlySpan<byte> line, bool newline)
    {
        var carriageReturn = line.EndsWith("\r"u8);
        var content = carriageReturn ? line[..^1] : line;
        var rewritten = rewrite(content);
        Append(rewritten is null ? content : rewritten);
        Append(carriageReturn ? "\r"u8 : []);
        Append(newline ? "\n"u8 : []);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_outEnd + bytes.Length > _out.Length)
        {
            Array.Resize(ref _out, Math.Max(_out.Length * 2, _outEnd + bytes.Length));
        }

        bytes.CopyTo(_out.AsSpan(_outEnd));
        _outEnd += bytes.Length;
    }
}

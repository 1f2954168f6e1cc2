namespace Languru.Providers.OpenAI;

/// <summary>
/// A read-only stream that passes an upstream stream through line by line, letting a function rewrite each complete
/// line. Each line is handed on as soon as its newline arrives, so nothing is held back longer than the line itself.
/// </summary>
internal sealed class LineRewritingStream(Stream inner, LineRewritingStream.Rewriter rewrite) : Stream
{
    private readonly byte[] _read = new byte[16 * 1024];
    private byte[] _line = new byte[4 * 1024];
    private int _lineLength;
    private byte[] _pending = [];
    private int _pendingOffset;
    private bool _innerDone;

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
        while (_pendingOffset == _pending.Length)
        {
            if (_innerDone)
            {
                return 0;
            }

            var read = await inner.ReadAsync(_read, cancellationToken);
            if (read == 0)
            {
                _innerDone = true;
                _pending = _lineLength > 0 ? Apply(_line.AsSpan(0, _lineLength), newline: false) : [];
                _lineLength = 0;
            }
            else
            {
                _pending = Take(_read.AsSpan(0, read));
            }

            _pendingOffset = 0;
        }

        var n = Math.Min(buffer.Length, _pending.Length - _pendingOffset);
        _pending.AsSpan(_pendingOffset, n).CopyTo(buffer.Span);
        _pendingOffset += n;
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

    /// <summary>Appends what was read to the current line and returns the complete lines, rewritten.</summary>
    private byte[] Take(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            var piece = newline < 0 ? data : data[..newline];
            if (_lineLength + piece.Length > _line.Length)
            {
                Array.Resize(ref _line, Math.Max(_line.Length * 2, _lineLength + piece.Length));
            }

            piece.CopyTo(_line.AsSpan(_lineLength));
            _lineLength += piece.Length;
            if (newline < 0)
            {
                break;
            }

            output.Write(Apply(_line.AsSpan(0, _lineLength), newline: true));
            _lineLength = 0;
            data = data[(newline + 1)..];
        }

        return output.ToArray();
    }

    private byte[] Apply(ReadOnlySpan<byte> line, bool newline)
    {
        var carriageReturn = line.EndsWith("\r"u8);
        var content = carriageReturn ? line[..^1] : line;
        byte[] kept = rewrite(content) ?? content.ToArray();
        return [.. kept, .. (carriageReturn ? "\r"u8 : []), .. (newline ? "\n"u8 : [])];
    }
}

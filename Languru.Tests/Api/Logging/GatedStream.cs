namespace Languru.Tests.Api.Logging;

/// <summary>
/// An output stream whose first write blocks until <see cref="Release"/>, so that a test can hold the console writer
/// in the middle of a batch; everything written is kept.
/// </summary>
internal sealed class GatedStream : MemoryStream
{
    private readonly ManualResetEventSlim _writing = new();
    private readonly ManualResetEventSlim _released = new();

    public void WaitUntilWriting() => Assert.That(_writing.Wait(TimeSpan.FromSeconds(30)), Is.True, "the writer never wrote");

    public void Release() => _released.Set();

    public override void Write(byte[] buffer, int offset, int count)
    {
        _writing.Set();
        _released.Wait(TimeSpan.FromSeconds(30));
        lock (this)
        {
            base.Write(buffer, offset, count);
        }
    }

    public string Text()
    {
        lock (this)
        {
            return System.Text.Encoding.UTF8.GetString(ToArray());
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writing.Dispose();
            _released.Dispose();
        }

        base.Dispose(disposing);
    }
}

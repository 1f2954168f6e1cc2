using System.Text;

namespace Languru.Api.Logging;

/// <summary>
/// The text of the entries queued for the console, one after the other in a single buffer, with the runs of
/// consecutive entries bound for the same stream (stdout or stderr). Not thread-safe: <see cref="ConsoleBatchWriter"/>
/// guards it.
/// </summary>
internal sealed class ConsoleBatch
{
    private const int InitialChars = 4 * 1024;

    // The buffer grows to what a batch needs and is kept (a full default queue of request lines is some 800,000
    // characters); one that a burst of huge entries grew past this is not.
    private const int MaxKeptChars = 4 * 1024 * 1024;

    private readonly List<(int End, bool ToError)> _runs = [];
    private char[] _chars = new char[InitialChars];

    /// <summary>The entries in the batch.</summary>
    public int Count { get; private set; }

    /// <summary>The characters in the batch.</summary>
    public int Length { get; private set; }

    /// <summary>Each run's end (exclusive) in <see cref="Text"/> and whether it goes to stderr, in order.</summary>
    public IReadOnlyList<(int End, bool ToError)> Runs => _runs;

    public ReadOnlySpan<char> Text => _chars.AsSpan(0, Length);

    public void Add(StringBuilder text, bool toError)
    {
        Reserve(text.Length);
        foreach (var chunk in text.GetChunks())
        {
            chunk.Span.CopyTo(_chars.AsSpan(Length));
            Length += chunk.Length;
        }

        EndEntry(toError);
    }

    public void Add(string text, bool toError)
    {
        Reserve(text.Length);
        text.CopyTo(_chars.AsSpan(Length));
        Length += text.Length;
        EndEntry(toError);
    }

    public void Clear()
    {
        Count = 0;
        Length = 0;
        _runs.Clear();
        if (_chars.Length > MaxKeptChars)
        {
            _chars = new char[InitialChars];
        }
    }

    private void Reserve(int more)
    {
        if (_chars.Length - Length < more)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, Length + more));
        }
    }

    private void EndEntry(bool toError)
    {
        Count++;
        if (_runs.Count > 0 && _runs[^1].ToError == toError)
        {
            _runs[^1] = (Length, toError);
        }
        else
        {
            _runs.Add((Length, toError));
        }
    }
}

using System.Text.Json;

namespace Languru.Providers.OpenAI;

/// <summary>
/// The envelope strings of one stream's chunks (<c>id</c>, <c>model</c>, <c>system_fingerprint</c>), which an
/// OpenAI-compatible upstream repeats on every chunk: each is made into a string once and reused while the next chunk
/// carries the same bytes. One instance per stream; not thread-safe (a stream's chunks are read one at a time).
/// </summary>
internal sealed class ChunkStrings
{
    public RepeatedString Id;
    public RepeatedString Model;
    public RepeatedString Fingerprint;
}

/// <summary>The last string value read for one property, and its UTF-8 bytes as they came.</summary>
internal struct RepeatedString
{
    /// <summary>Values longer than this are not kept (an envelope string is an id or a name).</summary>
    private const int MaxKept = 256;

    private byte[]? _utf8;
    private string? _value;

    /// <summary>Reads the property's value (the reader is on its name), as <c>OpenAIWireReader</c> reads any string.</summary>
    public string? Read(ref Utf8JsonReader reader)
    {
        reader.Read();
        var plain = reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped;
        if (plain && _utf8 is not null && reader.ValueSpan.SequenceEqual(_utf8))
        {
            return _value;
        }

        var value = OpenAIWireReader.StringValue(ref reader);
        if (plain && reader.ValueSpan.Length <= MaxKept)
        {
            _utf8 = reader.ValueSpan.ToArray();
            _value = value;
        }

        return value;
    }
}

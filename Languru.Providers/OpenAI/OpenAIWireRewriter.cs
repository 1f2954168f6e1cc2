using System.Text;
using System.Text.Json;
using Languru.Providers.Chat;

namespace Languru.Providers.OpenAI;

/// <summary>
/// Rewrites <c>finish_reason</c> values the OpenAI SDK cannot parse. The raw bytes <c>"finish_reason":</c> can only be
/// an object key (inside a JSON string the quotes would be escaped), so a byte search is exact and cheap.
/// </summary>
internal static class OpenAIWireRewriter
{
    private static readonly byte[] Key = "\"finish_reason\":"u8.ToArray();

    /// <summary>A whole <c>chat.completion</c>: unknown or null reasons become <c>stop</c>. Null when nothing changed.</summary>
    public static byte[]? RewriteWholeAnswer(ReadOnlyMemory<byte> json) => Rewrite(json.Span, allowNull: false);

    /// <summary>
    /// One line of the SSE stream: unknown reasons become <c>stop</c> (null is normal mid-stream). An <c>error</c>
    /// event is thrown as an <see cref="UpstreamStreamException"/>.
    /// </summary>
    public static byte[]? RewriteStreamLine(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("data:"u8))
        {
            return null;
        }

        if (IsErrorEvent(line["data:".Length..]))
        {
            throw ErrorEvent(line[line.IndexOf((byte)'{')..]);
        }

        return Rewrite(line, allowNull: true);
    }

    /// <summary>
    /// Whether an event's data is an <c>{"error": …}</c> object rather than a chunk: its first key is <c>error</c>,
    /// whatever JSON whitespace comes before it or the key.
    /// </summary>
    public static bool IsErrorEvent(ReadOnlySpan<byte> data)
    {
        data = data.TrimStart(" \t\r\n"u8);
        return !data.IsEmpty && data[0] == (byte)'{' && data[1..].TrimStart(" \t\r\n"u8).StartsWith("\"error\""u8);
    }

    private static byte[]? Rewrite(ReadOnlySpan<byte> json, bool allowNull)
    {
        List<(int Start, int Length)>? replacements = null;
        for (var at = json.IndexOf(Key); at >= 0;)
        {
            var valueStart = at + Key.Length;
            while (valueStart < json.Length && json[valueStart] is (byte)' ' or (byte)'\t')
            {
                valueStart++;
            }

            var valueLength = ValueLength(json[valueStart..]);
            if (valueLength > 0 && NeedsRewrite(json.Slice(valueStart, valueLength), allowNull))
            {
                (replacements ??= []).Add((valueStart, valueLength));
            }

            var next = json[(valueStart + Math.Max(valueLength, 0))..].IndexOf(Key);
            at = next < 0 ? -1 : valueStart + Math.Max(valueLength, 0) + next;
        }

        if (replacements is null)
        {
            return null;
        }

        var output = new List<byte>(json.Length + 8);
        var copied = 0;
        foreach (var (start, length) in replacements)
        {
            output.AddRange(json[copied..start]);
            output.AddRange("\"stop\""u8);
            copied = start + length;
        }

        output.AddRange(json[copied..]);
        return [.. output];
    }

    /// <summary>The length of a JSON string or <c>null</c> at the start of <paramref name="value"/>; 0 for anything else.</summary>
    private static int ValueLength(ReadOnlySpan<byte> value)
    {
        if (value.StartsWith("null"u8))
        {
            return 4;
        }

        if (value.IsEmpty || value[0] != (byte)'"')
        {
            return 0;
        }

        for (var i = 1; i < value.Length; i++)
        {
            if (value[i] == (byte)'\\')
            {
                i++;
            }
            else if (value[i] == (byte)'"')
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static bool NeedsRewrite(ReadOnlySpan<byte> value, bool allowNull)
    {
        if (value.SequenceEqual("null"u8))
        {
            return !allowNull;
        }

        return !OpenAIFinishReasons.IsOpenAI(Encoding.UTF8.GetString(value[1..^1]));
    }

    /// <summary>The error event, raw, and its OpenAI-shaped <c>error.message</c> if it has one.</summary>
    public static UpstreamStreamException ErrorEvent(ReadOnlySpan<byte> json)
    {
        var raw = Encoding.UTF8.GetString(json);
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var error = document.RootElement.GetProperty("error");
            var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return new UpstreamStreamException(raw, message);
        }
        catch (JsonException)
        {
            return new UpstreamStreamException(raw, upstreamMessage: null);
        }
    }
}

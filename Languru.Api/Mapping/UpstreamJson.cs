using System.Text.Json;

namespace Languru.Api.Mapping;

/// <summary>The two moves of writing an upstream's JSON back (<see cref="WireChunkWriter"/>, <see cref="WireAnswerWriter"/>).</summary>
internal static class UpstreamJson
{
    /// <summary>Copies the property the reader is on, name and value, as the upstream wrote them.</summary>
    public static void Copy(Utf8JsonWriter json, ref Utf8JsonReader reader, ReadOnlySpan<byte> upstream)
    {
        if (reader.ValueIsEscaped)
        {
            json.WritePropertyName(reader.GetString()!);
        }
        else
        {
            json.WritePropertyName(reader.ValueSpan);
        }

        reader.Read();
        var start = (int)reader.TokenStartIndex;
        reader.Skip();

        // Already read once whole by the provider: no need to validate it again.
        json.WriteRawValue(upstream[start..(int)reader.BytesConsumed], skipInputValidation: true);
    }

    /// <summary>Whether the property the reader is on is one of the names (repeat one to fill the list).</summary>
    public static bool IsOneOf(ref Utf8JsonReader reader, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, ReadOnlySpan<byte> d, ReadOnlySpan<byte> e, ReadOnlySpan<byte> f) =>
        IsOneOf(ref reader, a, b, c, d, e) || reader.ValueTextEquals(f);

    /// <summary>Whether the property name the reader is on is one of five.</summary>
    public static bool IsOneOf(ref Utf8JsonReader reader, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, ReadOnlySpan<byte> d, ReadOnlySpan<byte> e) =>
        IsOneOf(ref reader, a, b, c, d) || reader.ValueTextEquals(e);

    /// <summary>Whether the property name the reader is on is one of four.</summary>
    public static bool IsOneOf(ref Utf8JsonReader reader, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, ReadOnlySpan<byte> d) =>
        reader.ValueTextEquals(a) || reader.ValueTextEquals(b) || reader.ValueTextEquals(c) || reader.ValueTextEquals(d);

    /// <summary>Writes a choice's inner object (<c>message</c> or <c>delta</c>, with its name) from the upstream's (the reader is on its value).</summary>
    public delegate void InnerFromUpstream<TState>(Utf8JsonWriter json, TState state, ref Utf8JsonReader reader, ReadOnlySpan<byte> upstream);

    /// <summary>Writes a choice's inner object (with its name) from the gateway's fields alone.</summary>
    public delegate void InnerAlone<TState>(Utf8JsonWriter json, TState state);

    /// <summary>
    /// A choice: <c>index</c>, the inner object, the other fields of the upstream's choice (the reader is on its start;
    /// none when <paramref name="hasUpstream"/> is false) as sent, then <c>logprobs</c> and <c>finish_reason</c>.
    /// </summary>
    public static void WriteChoice<TState>(
        Utf8JsonWriter json, int index, ReadOnlySpan<byte> innerName, TState state, InnerFromUpstream<TState> fromUpstream, InnerAlone<TState> alone,
        JsonElement? logprobs, string? finishReason, ref Utf8JsonReader reader, ReadOnlySpan<byte> upstream, bool hasUpstream)
    {
        json.WriteStartObject();
        json.WriteNumber("index"u8, index);
        var wroteInner = false;
        while (hasUpstream && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(innerName) && !wroteInner)
            {
                reader.Read();
                fromUpstream(json, state, ref reader, upstream);
                wroteInner = true;
            }
            else if ((wroteInner && reader.ValueTextEquals(innerName)) || IsOneOf(ref reader, "index"u8, "logprobs"u8, "finish_reason"u8, "usage"u8))
            {
                reader.Skip();
            }
            else
            {
                // Other fields in the order sent; the inner object may still come (Azure puts
                // content_filter_results first), so the gateway's own copy waits for the end.
                Copy(json, ref reader, upstream);
            }
        }

        if (!wroteInner)
        {
            alone(json, state);
        }

        json.WritePropertyName("logprobs"u8);
        if (logprobs is { } value)
        {
            value.WriteTo(json);
        }
        else
        {
            json.WriteNullValue();
        }

        json.WriteString("finish_reason"u8, finishReason);
        json.WriteEndObject();
    }

    /// <summary>
    /// A choice's <c>message</c> or <c>delta</c> (the reader is on the upstream's value): the gateway's fields, then the
    /// upstream's others as sent (<c>role</c>, <c>content</c>, <c>refusal</c>, <c>reasoning_content</c> and
    /// <c>tool_calls</c> are the gateway's).
    /// </summary>
    public static void WriteMessage<TState>(Utf8JsonWriter json, ReadOnlySpan<byte> name, TState state, InnerAlone<TState> fields, ref Utf8JsonReader reader, ReadOnlySpan<byte> upstream)
    {
        json.WriteStartObject(name);
        fields(json, state);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
        }
        else
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (IsOneOf(ref reader, "role"u8, "content"u8, "refusal"u8, "reasoning_content"u8, "tool_calls"u8))
                {
                    reader.Skip();
                }
                else
                {
                    Copy(json, ref reader, upstream);
                }
            }
        }

        json.WriteEndObject();
    }

    /// <summary>A choice's <c>message</c> or <c>delta</c> of the gateway's fields alone.</summary>
    public static void WriteMessage<TState>(Utf8JsonWriter json, ReadOnlySpan<byte> name, TState state, InnerAlone<TState> fields)
    {
        json.WriteStartObject(name);
        fields(json, state);
        json.WriteEndObject();
    }
}

using System.Text.Json;
using Languru.Api.Hosting;
using Languru.Contracts.Chat;

namespace Languru.Api.Mapping;

/// <summary>
/// Writes an upstream's <c>chat.completion.chunk</c> back to the client in one pass over its bytes: the fields the
/// gateway owns come from the normalized chunk (<c>id</c>, <c>object</c>, <c>created</c>, <c>model</c>,
/// <c>system_fingerprint</c>, and in the choice <c>index</c>, <c>logprobs</c>, <c>finish_reason</c> and the delta's
/// <c>role</c>, <c>content</c>, <c>refusal</c>, <c>reasoning_content</c>, <c>tool_calls</c>); <c>usage</c> is left out
/// (the stream's usage chunk is the gateway's own); every other field, at any of the three levels, is copied as the
/// upstream sent it. Only the first choice is read: the gateway asks for one per call.
/// </summary>
internal static class WireChunkWriter
{
    public static void Write(Utf8JsonWriter json, ChatCompletionChunk chunk, ReadOnlySpan<byte> upstream)
    {
        var reader = new Utf8JsonReader(upstream);
        reader.Read();
        json.WriteStartObject();
        json.WriteString("id"u8, chunk.Id);
        json.WriteString("object"u8, chunk.ObjectType);
        json.WriteNumber("created"u8, chunk.Created);
        json.WriteString("model"u8, chunk.Model);
        if (chunk.SystemFingerprint is { } fingerprint)
        {
            json.WriteString("system_fingerprint"u8, fingerprint);
        }

        var choice = chunk.Choices[0];
        var wroteChoice = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("choices"u8))
            {
                reader.Read();
                json.WriteStartArray("choices"u8);
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (!wroteChoice && reader.TokenType == JsonTokenType.StartObject)
                        {
                            WriteChoice(json, choice, ref reader, upstream);
                            wroteChoice = true;
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }

                if (!wroteChoice)
                {
                    WriteChoice(json, choice);
                    wroteChoice = true;
                }

                json.WriteEndArray();
            }
            else if (UpstreamJson.IsOneOf(ref reader, "id"u8, "object"u8, "created"u8, "model"u8, "system_fingerprint"u8, "usage"u8))
            {
                reader.Skip();
            }
            else
            {
                UpstreamJson.Copy(json, ref reader, upstream);
            }
        }

        if (!wroteChoice)
        {
            json.WriteStartArray("choices"u8);
            WriteChoice(json, choice);
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>The choice from the upstream's first choice object (the reader is on its start), with the gateway's fields.</summary>
    private static void WriteChoice(Utf8JsonWriter json, ChatCompletionChunkChoice choice, ref Utf8JsonReader reader, ReadOnlySpan<byte> upstream) =>
        UpstreamJson.WriteChoice(json, choice.Index, "delta"u8, choice.Delta, WriteDelta, WriteDelta, choice.Logprobs, choice.FinishReason, ref reader, upstream, hasUpstream: true);

    /// <summary>A choice of the gateway's alone (the upstream chunk had none).</summary>
    private static void WriteChoice(Utf8JsonWriter json, ChatCompletionChunkChoice choice)
    {
        var none = default(Utf8JsonReader);
        UpstreamJson.WriteChoice(json, choice.Index, "delta"u8, choice.Delta, WriteDelta, WriteDelta, choice.Logprobs, choice.FinishReason, ref none, default, hasUpstream: false);
    }

    /// <summary>The delta from the upstream's (the reader is on its value), with the gateway's fields first.</summary>
    private static void WriteDelta(Utf8JsonWriter json, ChatCompletionDelta delta, ref Utf8JsonReader reader, ReadOnlySpan<byte> upstream) =>
        UpstreamJson.WriteMessage(json, "delta"u8, delta, WriteDeltaFields, ref reader, upstream);

    private static void WriteDelta(Utf8JsonWriter json, ChatCompletionDelta delta) => UpstreamJson.WriteMessage(json, "delta"u8, delta, WriteDeltaFields);

    private static void WriteDeltaFields(Utf8JsonWriter json, ChatCompletionDelta delta)
    {
        if (delta.Role is { } role)
        {
            json.WriteString("role"u8, role);
        }

        if (delta.Content is { } content)
        {
            json.WriteString("content"u8, content);
        }

        if (delta.Refusal is { } refusal)
        {
            json.WriteString("refusal"u8, refusal);
        }

        if (delta.ReasoningContent is { } reasoning)
        {
            json.WriteString("reasoning_content"u8, reasoning);
        }

        if (delta.ToolCalls is { } toolCalls)
        {
            json.WritePropertyName("tool_calls"u8);
            JsonSerializer.Serialize(json, toolCalls, WireJson.TypeInfo<IReadOnlyList<ToolCallDelta>>());
        }
    }
}

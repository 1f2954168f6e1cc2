using System.Text.Json;
using Languru.Api.Hosting;
using Languru.Contracts.Chat;

namespace Languru.Api.Mapping;

/// <summary>
/// Writes a whole answer from the upstreams' own <c>chat.completion</c>s (one per choice) in one pass over their bytes:
/// the fields the gateway owns come from the normalized <see cref="ChatCompletion"/> (<c>id</c>, <c>object</c>,
/// <c>created</c>, <c>model</c>, <c>usage</c> of all choices, <c>system_fingerprint</c>; in each
/// choice <c>index</c>, <c>logprobs</c>, <c>finish_reason</c> and the message's <c>role</c>, <c>content</c>,
/// <c>refusal</c>, <c>reasoning_content</c>, <c>tool_calls</c>); every other field (<c>annotations</c>, <c>audio</c>,
/// <c>service_tier</c>, which says how the upstream served the call, a server's own) is copied as the upstream sent it,
/// from the first answer for the top level and from each choice's own answer below it, as a stream's chunks are.
/// </summary>
internal static class WireAnswerWriter
{
    public static void Write(Utf8JsonWriter json, ChatCompletion completion, IReadOnlyList<ReadOnlyMemory<byte>> upstreams)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, completion.Id);
        json.WriteString("object"u8, completion.ObjectType);
        json.WriteNumber("created"u8, completion.Created);
        json.WriteString("model"u8, completion.Model);
        var upstream = upstreams[0].Span;
        var reader = new Utf8JsonReader(upstream);
        reader.Read();
        var wroteChoices = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("choices"u8))
            {
                reader.Skip();
                WriteChoices(json, completion, upstreams);
                wroteChoices = true;
            }
            else if (UpstreamJson.IsOneOf(ref reader, "id"u8, "object"u8, "created"u8, "model"u8, "usage"u8, "system_fingerprint"u8))
            {
                reader.Skip();
            }
            else
            {
                UpstreamJson.Copy(json, ref reader, upstream);
            }
        }

        if (!wroteChoices)
        {
            WriteChoices(json, completion, upstreams);
        }

        if (completion.Usage is { } usage)
        {
            json.WritePropertyName("usage"u8);
            JsonSerializer.Serialize(json, usage, WireJson.TypeInfo<CompletionUsage>());
        }

        if (completion.SystemFingerprint is { } fingerprint)
        {
            json.WriteString("system_fingerprint"u8, fingerprint);
        }

        json.WriteEndObject();
    }

    private static void WriteChoices(Utf8JsonWriter json, ChatCompletion completion, IReadOnlyList<ReadOnlyMemory<byte>> upstreams)
    {
        json.WriteStartArray("choices"u8);
        for (var i = 0; i < completion.Choices.Count; i++)
        {
            WriteChoice(json, completion.Choices[i], upstreams[i].Span);
        }

        json.WriteEndArray();
    }

    /// <summary>A choice: the gateway's fields, and the other fields of the first choice of its upstream answer.</summary>
    private static void WriteChoice(Utf8JsonWriter json, ChatCompletionChoice choice, ReadOnlySpan<byte> upstream)
    {
        var reader = new Utf8JsonReader(upstream);
        var hasChoice = MoveToFirstChoice(ref reader);
        UpstreamJson.WriteChoice(json, choice.Index, "message"u8, choice.Message, WriteMessage, WriteMessage, choice.Logprobs, choice.FinishReason, ref reader, upstream, hasChoice);
    }

    /// <summary>Moves the reader onto the start of the answer's first choice; false when it has none.</summary>
    private static bool MoveToFirstChoice(ref Utf8JsonReader reader)
    {
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("choices"u8))
            {
                reader.Skip();
                continue;
            }

            reader.Read();
            return reader.TokenType == JsonTokenType.StartArray && reader.Read() && reader.TokenType == JsonTokenType.StartObject;
        }

        return false;
    }

    private static void WriteMessage(Utf8JsonWriter json, ChatCompletionResponseMessage message, ref Utf8JsonReader reader, ReadOnlySpan<byte> upstream) =>
        UpstreamJson.WriteMessage(json, "message"u8, message, WriteMessageFields, ref reader, upstream);

    private static void WriteMessage(Utf8JsonWriter json, ChatCompletionResponseMessage message) =>
        UpstreamJson.WriteMessage(json, "message"u8, message, WriteMessageFields);

    private static void WriteMessageFields(Utf8JsonWriter json, ChatCompletionResponseMessage message)
    {
        json.WriteString("role"u8, message.Role);
        json.WriteString("content"u8, message.Content);
        json.WriteString("refusal"u8, message.Refusal);
        if (message.ReasoningContent is { } reasoning)
        {
            json.WriteString("reasoning_content"u8, reasoning);
        }

        if (message.ToolCalls is { } toolCalls)
        {
            json.WritePropertyName("tool_calls"u8);
            JsonSerializer.Serialize(json, toolCalls, WireJson.TypeInfo<IReadOnlyList<ToolCall>>());
        }
    }
}

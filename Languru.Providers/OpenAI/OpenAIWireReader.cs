using System.Text.Json;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Providers.OpenAI;

/// <summary>
/// Reads an OpenAI-compatible upstream's <c>chat.completion</c> and <c>chat.completion.chunk</c> JSON in one forward
/// pass into what the middleware needs (text, reasoning, refusal and tool-call contents, the finish reason, usage,
/// <c>system_fingerprint</c>, <c>service_tier</c>, <c>logprobs</c>), the same things <see cref="OpenAIMapping"/> takes
/// from the SDK's models. Finish reasons outside OpenAI's five (TGI <c>eos_token</c>, vLLM <c>abort</c>) and a whole
/// answer's <c>null</c> are read as <c>stop</c>, as <see cref="OpenAIWireRewriter"/> makes them for the SDK.
/// Malformed JSON, or a value of the wrong type, is a <see cref="JsonException"/>.
/// </summary>
internal static class OpenAIWireReader
{
    public static ChatResponse ReadCompletion(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var envelope = new Envelope();
        var choice = new Choice();
        ReadEnvelope(ref reader, ref envelope, ref choice, "message"u8, repeated: null);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, choice.Contents(envelope.Usage, includeUsage: false)))
        {
            ResponseId = envelope.Id,
            ModelId = envelope.Model,
            CreatedAt = envelope.Created,
            FinishReason = OpenAIFinishReasons.FromWire(choice.FinishReason) ?? ChatFinishReason.Stop,
            Usage = envelope.Usage,
            AdditionalProperties = Properties(envelope, choice),
        };
    }

    /// <param name="json">The chunk's JSON.</param>
    /// <param name="repeated">A stream's envelope strings, which every chunk repeats: reused while the bytes are the same.</param>
    public static ChatResponseUpdate ReadChunk(ReadOnlySpan<byte> json, ChunkStrings? repeated = null)
    {
        var reader = new Utf8JsonReader(json);
        var envelope = new Envelope();
        var choice = new Choice { IsDelta = true };
        ReadEnvelope(ref reader, ref envelope, ref choice, "delta"u8, repeated);
        return new ChatResponseUpdate(choice.HasRole ? ChatRole.Assistant : null, choice.Contents(envelope.Usage, includeUsage: true))
        {
            ResponseId = envelope.Id,
            ModelId = envelope.Model,
            CreatedAt = envelope.Created,
            FinishReason = OpenAIFinishReasons.FromWire(choice.FinishReason),
            AdditionalProperties = Properties(envelope, choice),
        };
    }

    private static void ReadEnvelope(
        ref Utf8JsonReader reader, ref Envelope envelope, ref Choice choice, ReadOnlySpan<byte> messageName, ChunkStrings? repeated)
    {
        StartObject(ref reader);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                envelope.Id = repeated is null ? ReadString(ref reader) : repeated.Id.Read(ref reader);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                envelope.Model = repeated is null ? ReadString(ref reader) : repeated.Model.Read(ref reader);
            }
            else if (reader.ValueTextEquals("created"u8))
            {
                reader.Read();
                envelope.Created = reader.TokenType == JsonTokenType.Number ? DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64()) : null;
            }
            else if (reader.ValueTextEquals("system_fingerprint"u8))
            {
                envelope.Fingerprint = repeated is null ? ReadString(ref reader) : repeated.Fingerprint.Read(ref reader);
            }
            else if (reader.ValueTextEquals("service_tier"u8))
            {
                envelope.ServiceTier = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                envelope.Usage = ReadUsage(ref reader);
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                ReadChoices(ref reader, ref choice, messageName);
            }
            else
            {
                Skip(ref reader);
            }
        }
    }

    /// <summary>The first choice (the gateway never asks for more than one); the others are skipped.</summary>
    private static void ReadChoices(ref Utf8JsonReader reader, ref Choice choice, ReadOnlySpan<byte> messageName)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        Expect(ref reader, JsonTokenType.StartArray);
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!first)
            {
                reader.Skip();
                continue;
            }

            first = false;
            Expect(ref reader, JsonTokenType.StartObject);
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals(messageName))
                {
                    ReadMessage(ref reader, ref choice);
                }
                else if (reader.ValueTextEquals("finish_reason"u8))
                {
                    choice.FinishReason = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("logprobs"u8))
                {
                    reader.Read();
                    choice.Logprobs = reader.TokenType == JsonTokenType.StartObject ? Logprobs(JsonElement.ParseValue(ref reader)) : Skipped(ref reader);
                }
                else
                {
                    Skip(ref reader);
                }
            }
        }
    }

    /// <summary>A whole answer's <c>message</c> or a chunk's <c>delta</c>.</summary>
    private static void ReadMessage(ref Utf8JsonReader reader, ref Choice choice)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("content"u8))
            {
                choice.Text = ReadContent(ref reader);
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                choice.Refusal = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("reasoning_content"u8))
            {
                choice.Reasoning = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("role"u8))
            {
                choice.HasRole = ReadString(ref reader) is not null;
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                ReadToolCalls(ref reader, ref choice);
            }
            else if (reader.ValueTextEquals("function_call"u8))
            {
                reader.Read();
                choice.HasFunctionCall = reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
            }
            else
            {
                Skip(ref reader);
            }
        }
    }

    /// <summary><c>content</c>: a string, or (some compatible servers) an array of text parts.</summary>
    private static string? ReadContent(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return StringValue(ref reader);
        }

        string? text = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Expect(ref reader, JsonTokenType.StartObject);
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("text"u8))
                {
                    text = string.Concat(text, ReadString(ref reader));
                }
                else
                {
                    Skip(ref reader);
                }
            }
        }

        return text;
    }

    private static void ReadToolCalls(ref Utf8JsonReader reader, ref Choice choice)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        Expect(ref reader, JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Expect(ref reader, JsonTokenType.StartObject);
            int? index = null;
            string? id = null;
            string? name = null;
            string? arguments = null; // or a custom call's input
            var isFunction = false;
            var isCustom = false;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("index"u8))
                {
                    reader.Read();
                    index = reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : null;
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    id = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("custom"u8) is var custom && (custom || reader.ValueTextEquals("function"u8)))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        Skipped(ref reader);
                        continue;
                    }

                    (isFunction, isCustom) = (!custom, custom);
                    while (NextProperty(ref reader))
                    {
                        if (reader.ValueTextEquals("name"u8))
                        {
                            name = ReadString(ref reader);
                        }
                        else if (reader.ValueTextEquals(custom ? "input"u8 : "arguments"u8))
                        {
                            arguments = ReadString(ref reader);
                        }
                        else
                        {
                            Skip(ref reader);
                        }
                    }
                }
                else
                {
                    Skip(ref reader);
                }
            }

            if (isCustom)
            {
                (choice.ToolCalls ??= []).Add(choice.IsDelta
                    ? new CustomToolCallUpdateContent(index ?? 0, id, name, arguments ?? "")
                    : new CustomToolCallContent(id ?? "", name ?? "", arguments ?? ""));
            }
            else if (choice.IsDelta)
            {
                (choice.ToolCalls ??= []).Add(new FunctionCallUpdateContent(index ?? 0, id, name, arguments ?? ""));
            }
            else if (isFunction)
            {
                (choice.ToolCalls ??= []).Add(new RawFunctionCallContent(id ?? "", name ?? "", arguments ?? ""));
            }
        }
    }

    private static UsageDetails? ReadUsage(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        var usage = new UsageDetails { InputTokenCount = 0, OutputTokenCount = 0, TotalTokenCount = 0 };
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                usage.InputTokenCount = ReadCount(ref reader) ?? 0;
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                usage.OutputTokenCount = ReadCount(ref reader) ?? 0;
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                usage.TotalTokenCount = ReadCount(ref reader) ?? 0;
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8))
            {
                usage.CachedInputTokenCount = ReadDetail(ref reader, "cached_tokens"u8);
            }
            else if (reader.ValueTextEquals("completion_tokens_details"u8))
            {
                usage.ReasoningTokenCount = ReadDetail(ref reader, "reasoning_tokens"u8);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return usage;
    }

    /// <summary>One count of a details object: 0 when the object is there without it, null without the object.</summary>
    private static long? ReadDetail(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        long count = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals(name))
            {
                count = ReadCount(ref reader) ?? 0;
            }
            else
            {
                Skip(ref reader);
            }
        }

        return count;
    }

    private static long? ReadCount(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetInt64(),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a number, found {reader.TokenType}."),
        };
    }

    /// <summary>Like the SDK's mapping: no logprobs unless there is a token in <c>content</c> or <c>refusal</c>.</summary>
    private static JsonElement? Logprobs(JsonElement logprobs) =>
        HasItems(logprobs, "content") || HasItems(logprobs, "refusal") ? logprobs : null;

    private static bool HasItems(JsonElement logprobs, string name) =>
        logprobs.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array && items.GetArrayLength() > 0;

    private static AdditionalPropertiesDictionary? Properties(in Envelope envelope, in Choice choice)
    {
        if (envelope.Fingerprint is null && envelope.ServiceTier is null && choice.Logprobs is null && !choice.HasFunctionCall)
        {
            return null;
        }

        var properties = new AdditionalPropertiesDictionary();
        if (envelope.Fingerprint is { } fingerprint)
        {
            properties[ChatResponseKeys.SystemFingerprint] = fingerprint;
        }

        if (envelope.ServiceTier is { } tier)
        {
            properties[ChatResponseKeys.ServiceTier] = tier;
        }

        if (choice.Logprobs is { } logprobs)
        {
            properties[ChatResponseKeys.Logprobs] = logprobs;
        }

        if (choice.HasFunctionCall)
        {
            properties[ChatResponseKeys.FunctionCall] = true;
        }

        return properties;
    }

    private static void StartObject(ref Utf8JsonReader reader)
    {
        reader.Read();
        Expect(ref reader, JsonTokenType.StartObject);
    }

    private static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"Expected {type}, found {reader.TokenType}.");
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return StringValue(ref reader);
    }

    internal static string? StringValue(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected a string, found {reader.TokenType}."),
    };

    private static void Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static JsonElement? Skipped(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    private struct Envelope
    {
        public string? Id;
        public string? Model;
        public DateTimeOffset? Created;
        public string? Fingerprint;
        public string? ServiceTier;
        public UsageDetails? Usage;
    }

    private struct Choice
    {
        public string? Text;
        public string? Refusal;
        public string? Reasoning;
        public bool IsDelta;
        public bool HasRole;
        public bool HasFunctionCall;
        public List<AIContent>? ToolCalls;
        public string? FinishReason;
        public JsonElement? Logprobs;

        /// <summary>In the order the SDK path gives them: reasoning, text, refusal, tool calls, usage.</summary>
        public readonly List<AIContent> Contents(UsageDetails? usage, bool includeUsage)
        {
            var contents = new List<AIContent>((Text is null ? 0 : 1) + (ToolCalls?.Count ?? 0) + 1);
            if (Reasoning is { Length: > 0 } reasoning)
            {
                contents.Add(new TextReasoningContent(reasoning));
            }

            if (Text is not null)
            {
                contents.Add(new TextContent(Text));
            }

            if (Refusal is not null)
            {
                contents.Add(new RefusalContent(Refusal));
            }

            if (ToolCalls is not null)
            {
                contents.AddRange(ToolCalls);
            }

            if (includeUsage && usage is not null)
            {
                contents.Add(new UsageContent(usage));
            }

            return contents;
        }
    }
}

using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using AIResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;
using ChatFinishReason = OpenAI.Chat.ChatFinishReason;
using ChatMessage = OpenAI.Chat.ChatMessage;
using ChatResponseFormat = OpenAI.Chat.ChatResponseFormat;

namespace Languru.Providers.OpenAI;

/// <summary>
/// Hand-written mapping between Microsoft.Extensions.AI and the OpenAI SDK's chat types. Request fields without a
/// typed home are forwarded as raw JSON with the SDK's <c>Patch</c>, so the upstream receives what the client sent.
/// </summary>
internal static class OpenAIMapping
{
    public static List<ChatMessage> ToOpenAIMessages(IEnumerable<AIChatMessage> messages)
    {
        var result = new List<ChatMessage>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.Tool)
            {
                foreach (var toolResult in message.Contents.OfType<FunctionResultContent>())
                {
                    var text = toolResult.Result?.ToString() ?? "";
#pragma warning disable CS0618 // the legacy function role, sent back as the client sent it
                    result.Add(message.AdditionalProperties?.ContainsKey(ChatMessageKeys.FunctionResult) == true
                        ? new FunctionChatMessage(message.AuthorName ?? toolResult.CallId, text)
                        : new ToolChatMessage(toolResult.CallId, text));
#pragma warning restore CS0618
                }

                continue;
            }

            result.Add(message.Role.Value switch
            {
                "system" => new SystemChatMessage(TextParts(message)) { ParticipantName = message.AuthorName },
                "developer" => new DeveloperChatMessage(TextParts(message)) { ParticipantName = message.AuthorName },
                "assistant" => WithWireFields(ToAssistantMessage(message), message.AdditionalProperties),
                _ => new UserChatMessage(message.Contents.Select(ToUserPart).OfType<ChatMessageContentPart>()) { ParticipantName = message.AuthorName },
            });
        }

        return result;
    }

    /// <summary>
    /// Sends the message fields Microsoft.Extensions.AI has no type for (<see cref="ChatMessageKeys"/>: custom tool
    /// calls, a legacy <c>function_call</c>) as the client sent them, with the SDK's <c>Patch</c>.
    /// </summary>
    private static AssistantChatMessage WithWireFields(AssistantChatMessage assistant, AdditionalPropertiesDictionary? fields)
    {
        foreach (var (name, value) in fields ?? [])
        {
            if (value is JsonElement json && ChatOptionKeys.IsForwardable(name))
            {
                assistant.Patch.Set(Encoding.UTF8.GetBytes("$." + name), BinaryData.FromString(json.GetRawText()));
            }
        }

        if (fields?.ContainsKey(ChatMessageKeys.FunctionCall) == true && assistant.Content.Count == 0)
        {
            assistant.Patch.SetNull("$.content"u8); // as OpenAI documents a function call: {"content":null,"function_call":…}
        }

        return assistant;
    }

    public static ChatCompletionOptions ToOpenAIOptions(ChatOptions? options, bool forwardUnknownFields)
    {
        var result = new ChatCompletionOptions();
        if (options is null)
        {
            return result;
        }

        var extra = options.AdditionalProperties;
        result.Temperature = options.Temperature;
        result.TopP = options.TopP;
        result.PresencePenalty = options.PresencePenalty;
        result.FrequencyPenalty = options.FrequencyPenalty;
        result.AllowParallelToolCalls = options.AllowMultipleToolCalls;
        if (options.MaxOutputTokens is { } max && extra?.ContainsKey(ChatOptionKeys.MaxTokens) != true)
        {
            result.MaxOutputTokenCount = max; // sent as max_completion_tokens, as the client did
        }

        foreach (var stop in options.StopSequences ?? [])
        {
            result.StopSequences.Add(stop);
        }

        foreach (var tool in options.Tools ?? [])
        {
            result.Tools.Add(ToOpenAITool(tool));
        }

        result.ToolChoice = options.ToolMode switch
        {
            NoneChatToolMode => ChatToolChoice.CreateNoneChoice(),
            AutoChatToolMode => ChatToolChoice.CreateAutoChoice(),
            RequiredChatToolMode { RequiredFunctionName: { } name } => ChatToolChoice.CreateFunctionChoice(name),
            RequiredChatToolMode => ChatToolChoice.CreateRequiredChoice(),
            _ => null,
        };
        result.ResponseFormat = ToOpenAIResponseFormat(options.ResponseFormat, extra);
        if (options.Seed is { } seed)
        {
            result.Patch.Set("$.seed"u8, seed);
        }

        var unknown = extra is not null && extra.TryGetValue(ChatOptionKeys.UnknownFields, out var names) && names is IEnumerable<string> list
            ? new HashSet<string>(list, StringComparer.Ordinal)
            : null;
        foreach (var (name, value) in extra ?? [])
        {
            if (value is JsonElement json
                && ChatOptionKeys.IsForwardable(name)
                && (forwardUnknownFields || unknown?.Contains(name) != true))
            {
                result.Patch.Set(Encoding.UTF8.GetBytes("$." + name), BinaryData.FromString(json.GetRawText()));
            }
        }

        return result;
    }

    public static ChatResponse FromOpenAICompletion(ChatCompletion completion)
    {
        var contents = new List<AIContent>();
        AddReasoning(contents, completion.Patch, "$.choices[0].message.reasoning_content"u8);
        foreach (var part in completion.Content)
        {
            if (part.Kind == ChatMessageContentPartKind.Text)
            {
                contents.Add(new TextContent(part.Text));
            }
        }

        if (completion.Refusal is { } refusal)
        {
            contents.Add(new RefusalContent(refusal));
        }

        foreach (var call in completion.ToolCalls)
        {
            contents.Add(new RawFunctionCallContent(call.Id, call.FunctionName, call.FunctionArguments?.ToString() ?? ""));
        }

        return new ChatResponse(new AIChatMessage(ChatRole.Assistant, contents))
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = FromOpenAIFinishReason(completion.FinishReason),
            Usage = FromOpenAIUsage(completion.Usage),
            AdditionalProperties = ResponseProperties(
                completion.SystemFingerprint,
                completion.ServiceTier?.ToString(),
                Logprobs(completion.ContentTokenLogProbabilities, completion.RefusalTokenLogProbabilities)),
        };
    }

    public static ChatResponseUpdate FromOpenAIUpdate(StreamingChatCompletionUpdate update)
    {
        var contents = new List<AIContent>();
        AddReasoning(contents, update.Patch, "$.choices[0].delta.reasoning_content"u8);
        foreach (var part in update.ContentUpdate)
        {
            if (part.Kind == ChatMessageContentPartKind.Text)
            {
                contents.Add(new TextContent(part.Text));
            }
        }

        if (update.RefusalUpdate is { } refusal)
        {
            contents.Add(new RefusalContent(refusal));
        }

        foreach (var call in update.ToolCallUpdates)
        {
            contents.Add(new FunctionCallUpdateContent(call.Index, call.ToolCallId, call.FunctionName, call.FunctionArgumentsUpdate?.ToString() ?? ""));
        }

        if (FromOpenAIUsage(update.Usage) is { } usage)
        {
            contents.Add(new UsageContent(usage));
        }

        return new ChatResponseUpdate(update.Role is null ? null : ChatRole.Assistant, contents)
        {
            ResponseId = update.CompletionId,
            ModelId = update.Model,
            CreatedAt = update.CreatedAt,
            FinishReason = update.FinishReason is { } finish ? FromOpenAIFinishReason(finish) : null,
            AdditionalProperties = ResponseProperties(
                update.SystemFingerprint,
                update.ServiceTier?.ToString(),
                Logprobs(update.ContentTokenLogProbabilities, update.RefusalTokenLogProbabilities)),
        };
    }

    /// <summary>
    /// <c>reasoning_content</c>, the field OpenAI-compatible servers (vLLM, DeepSeek, OpenRouter, …) add for a
    /// reasoning model's thinking: the SDK does not model it, but keeps it in the answer's <c>Patch</c>.
    /// </summary>
    private static void AddReasoning(List<AIContent> contents, in JsonPatch patch, ReadOnlySpan<byte> path)
    {
        // Contains() does not look into nested models; TryGetJson does.
        if (!patch.TryGetJson(path, out var json))
        {
            return;
        }

        var reader = new Utf8JsonReader(json.Span);
        if (reader.Read() && reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } reasoning)
        {
            contents.Add(new TextReasoningContent(reasoning));
        }
    }

    private static AssistantChatMessage ToAssistantMessage(AIChatMessage message)
    {
        // Tool calls kept as sent (custom ones among them) are patched in whole by WithWireFields.
        var calls = message.AdditionalProperties?.ContainsKey(ChatMessageKeys.ToolCalls) == true ? [] : message.Contents.OfType<FunctionCallContent>()
            .Select(c => ChatToolCall.CreateFunctionToolCall(c.CallId, c.Name, BinaryData.FromString(RawFunctionCallContent.ArgumentsJsonOf(c))))
            .ToList();
        var text = message.Contents.OfType<TextContent>().Select(t => ChatMessageContentPart.CreateTextPart(t.Text)).ToList();
        var refusal = message.Contents.OfType<RefusalContent>().FirstOrDefault()?.Refusal;
        AssistantChatMessage assistant;
        if (text.Count > 0)
        {
            assistant = new AssistantChatMessage(text);
            foreach (var call in calls)
            {
                assistant.ToolCalls.Add(call);
            }
        }
        else if (calls.Count > 0)
        {
            assistant = new AssistantChatMessage(calls);
        }
        else
        {
            // No constructor takes neither text nor calls (a refusal alone): read it from its wire form instead.
            assistant = ModelReaderWriter.Read<AssistantChatMessage>(BinaryData.FromString("""{"role":"assistant","content":null}"""))!;
        }

        assistant.ParticipantName = message.AuthorName;
        assistant.Refusal = refusal;
        return assistant;
    }

    private static IEnumerable<ChatMessageContentPart> TextParts(AIChatMessage message) =>
        message.Contents.OfType<TextContent>().Select(t => ChatMessageContentPart.CreateTextPart(t.Text));

    private static ChatMessageContentPart? ToUserPart(AIContent content) => content switch
    {
        TextContent text => ChatMessageContentPart.CreateTextPart(text.Text),
        UriContent uri when uri.HasTopLevelMediaType("image") => ChatMessageContentPart.CreateImagePart(uri.Uri, Detail(uri)),
        DataContent data when data.HasTopLevelMediaType("image") => ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(data.Data), data.MediaType, Detail(data)),
        DataContent data when data.HasTopLevelMediaType("audio") => ChatMessageContentPart.CreateInputAudioPart(
            BinaryData.FromBytes(data.Data), data.MediaType is "audio/mpeg" or "audio/mp3" ? ChatInputAudioFormat.Mp3 : ChatInputAudioFormat.Wav),
        DataContent data => ChatMessageContentPart.CreateFilePart(BinaryData.FromBytes(data.Data), data.MediaType, data.Name ?? "file"),
        HostedFileContent file => ChatMessageContentPart.CreateFilePart(file.FileId),
        _ => throw new ChatProviderException(ChatProviderErrorKind.InvalidRequest, $"Content of kind '{content.GetType().Name}' cannot be sent to an OpenAI-compatible upstream."),
    };

    private static ChatImageDetailLevel? Detail(AIContent content) =>
        content.AdditionalProperties?.TryGetValue("detail", out var detail) == true && detail is string level
            ? new ChatImageDetailLevel(level)
            : (ChatImageDetailLevel?)null; // a bare null would go through the SDK's implicit string conversion and throw

    private static ChatTool ToOpenAITool(AITool tool) => tool switch
    {
        FunctionToolDeclaration declared => ChatTool.CreateFunctionTool(
            declared.Name,
            string.IsNullOrEmpty(declared.Description) ? null : declared.Description,
            declared.HasParameters ? BinaryData.FromString(declared.JsonSchema.GetRawText()) : null,
            declared.Strict),
        AIFunctionDeclaration function => ChatTool.CreateFunctionTool(function.Name, function.Description, BinaryData.FromString(function.JsonSchema.GetRawText())),
        _ => throw new ChatProviderException(ChatProviderErrorKind.InvalidRequest, $"The tool '{tool.Name}' is not a function tool."),
    };

    private static ChatResponseFormat? ToOpenAIResponseFormat(AIResponseFormat? format, AdditionalPropertiesDictionary? extra) => format switch
    {
        null => null,
        ChatResponseFormatText => ChatResponseFormat.CreateTextFormat(),
        ChatResponseFormatJson { Schema: { } schema } json => ChatResponseFormat.CreateJsonSchemaFormat(
            json.SchemaName ?? "response",
            BinaryData.FromString(schema.GetRawText()),
            json.SchemaDescription,
            extra?.TryGetValue(ChatOptionKeys.JsonSchemaStrict, out var strict) == true ? strict as bool? : null),
        _ => ChatResponseFormat.CreateJsonObjectFormat(),
    };

    private static AIFinishReason FromOpenAIFinishReason(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Length => AIFinishReason.Length,
        ChatFinishReason.ToolCalls => AIFinishReason.ToolCalls,
        ChatFinishReason.ContentFilter => AIFinishReason.ContentFilter,
        ChatFinishReason.FunctionCall => OpenAIFinishReasons.FunctionCall,
        _ => AIFinishReason.Stop,
    };

    private static UsageDetails? FromOpenAIUsage(ChatTokenUsage? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.InputTokenCount,
        OutputTokenCount = usage.OutputTokenCount,
        TotalTokenCount = usage.TotalTokenCount,
        CachedInputTokenCount = usage.InputTokenDetails?.CachedTokenCount,
        ReasoningTokenCount = usage.OutputTokenDetails?.ReasoningTokenCount,
    };

    private static JsonElement? Logprobs(IReadOnlyList<ChatTokenLogProbabilityDetails> content, IReadOnlyList<ChatTokenLogProbabilityDetails> refusal)
    {
        if (content.Count == 0 && refusal.Count == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteList("content", content);
            WriteList("refusal", refusal);
            writer.WriteEndObject();

            void WriteList(string name, IReadOnlyList<ChatTokenLogProbabilityDetails> items)
            {
                writer.WritePropertyName(name);
                if (items.Count == 0)
                {
                    writer.WriteNullValue();
                    return;
                }

                writer.WriteStartArray();
                foreach (var item in items)
                {
                    writer.WriteRawValue(ModelReaderWriter.Write(item).ToMemory().Span);
                }

                writer.WriteEndArray();
            }
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    private static AdditionalPropertiesDictionary? ResponseProperties(string? fingerprint, string? serviceTier, JsonElement? logprobs)
    {
        if (fingerprint is null && serviceTier is null && logprobs is null)
        {
            return null;
        }

        var properties = new AdditionalPropertiesDictionary();
        if (fingerprint is not null)
        {
            properties[ChatResponseKeys.SystemFingerprint] = fingerprint;
        }

        if (serviceTier is not null)
        {
            properties[ChatResponseKeys.ServiceTier] = serviceTier;
        }

        if (logprobs is not null)
        {
            properties[ChatResponseKeys.Logprobs] = logprobs.Value;
        }

        return properties;
    }
}

using System.Text.Json;
using Languru.Api.Hosting;
using Languru.Contracts.Chat;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;
using ContractsResponseFormat = Languru.Contracts.Chat.ResponseFormat;

namespace Languru.Api.Mapping;

/// <summary>
/// Maps a validated <see cref="ChatCompletionRequest"/> to Microsoft.Extensions.AI messages and options. Fields that
/// <see cref="ChatOptions"/> has no property for travel in <see cref="ChatOptions.AdditionalProperties"/> under their
/// wire names (see <see cref="ChatOptionKeys"/>). The request itself travels too, as
/// <see cref="ChatOptions.RawRepresentationFactory"/> (a <see cref="ChatWireRequest"/>), for the providers that speak
/// OpenAI's wire format.
/// </summary>
internal static class ChatRequestMapper
{
    private static readonly ChatRole Developer = new("developer");
    private static readonly JsonElement AnySchema = JsonDocument.Parse("{}").RootElement.Clone();

    public static List<ChatMessage> ToChatMessages(ChatCompletionRequest request)
    {
        if (request.Prompt is not null)
        {
            return [new ChatMessage(ChatRole.User, request.Prompt)];
        }

        var messages = new List<ChatMessage>(request.Messages!.Count);
        for (var i = 0; i < request.Messages.Count; i++)
        {
            messages.Add(ToChatMessage(request.Messages[i], $"messages[{i}]"));
        }

        return messages;
    }

    public static ChatOptions ToChatOptions(ChatCompletionRequest request, string upstreamModelId)
    {
        var options = new ChatOptions
        {
            ModelId = upstreamModelId,
            Temperature = (float?)request.Temperature,
            TopP = (float?)request.TopP,
            MaxOutputTokens = request.MaxCompletionTokens ?? request.MaxTokens,
            StopSequences = request.Stop is { Values.Count: > 0 } stop ? [.. stop.Values] : null,
            Seed = request.Seed,
            PresencePenalty = (float?)request.PresencePenalty,
            FrequencyPenalty = (float?)request.FrequencyPenalty,
            ResponseFormat = ToResponseFormat(request.ResponseFormat),
            Tools = request.Tools is { Count: > 0 } tools
                ? [.. tools.Where(t => t.Type == "function").Select(t => (AITool)new FunctionToolDeclaration(t.Function!.Name!, t.Function.Description, t.Function.Parameters, t.Function.Strict))]
                : null,
            ToolMode = ToToolMode(request.ToolChoice),
            AllowMultipleToolCalls = request.ParallelToolCalls,
        };

        var extra = new AdditionalPropertiesDictionary();
        if (request.MaxTokens is { } maxTokens && request.MaxCompletionTokens is null)
        {
            extra[ChatOptionKeys.MaxTokens] = Json(maxTokens);
        }

        if (request.ResponseFormat?.JsonSchema?.Strict is { } strict)
        {
            extra[ChatOptionKeys.JsonSchemaStrict] = strict;
        }

        AddIfSet(extra, "logit_bias", request.LogitBias);
        AddIfSet(extra, "logprobs", request.Logprobs);
        AddIfSet(extra, "top_logprobs", request.TopLogprobs);
        AddIfSet(extra, "user", request.User);
        AddIfSet(extra, "safety_identifier", request.SafetyIdentifier);
        AddIfSet(extra, "prompt_cache_key", request.PromptCacheKey);
        AddIfSet(extra, "store", request.Store);
        AddIfSet(extra, "metadata", request.Metadata);
        AddIfSet(extra, "service_tier", request.ServiceTier);
        AddIfSet(extra, "reasoning_effort", request.ReasoningEffort);
        AddIfSet(extra, "verbosity", request.Verbosity);
        AddIfSet(extra, "modalities", request.Modalities);
        AddIfSet(extra, "prediction", request.Prediction);
        AddIfSet(extra, "web_search_options", request.WebSearchOptions);
        if (OpenAIOnlyTools(request) is { } param)
        {
            // Custom tools and the allowed_tools/custom choices have no Microsoft.Extensions.AI type: OpenAI-type
            // providers forward tools and tool_choice as sent; the others refuse, naming the field.
            options.Tools = null;
            options.ToolMode = null;
            AddIfSet(extra, "tools", request.Tools);
            AddIfSet(extra, "tool_choice", request.ToolChoice);
            extra[ChatOptionKeys.OpenAIOnlyTools] = param;
        }
        else if (OpenAIOnlyMessageField(request) is { } field)
        {
            // Custom tool calls and legacy function calls travel on their messages (ChatMessageKeys).
            extra[ChatOptionKeys.OpenAIOnlyTools] = field;
        }

        if (request.AdditionalProperties is { Count: > 0 } unknown)
        {
            var names = new List<string>(unknown.Count);
            foreach (var (name, value) in unknown)
            {
                if (!name.StartsWith(ChatOptionKeys.InternalPrefix, StringComparison.Ordinal))
                {
                    extra[name] = value;
                    names.Add(name);
                }
            }

            extra[ChatOptionKeys.UnknownFields] = names;
        }

        options.AdditionalProperties = extra.Count > 0 ? extra : null;

        // OpenAI-type providers post the request as the client sent it; the others use the messages and options.
        var wire = new ChatWireRequest(request);
        options.RawRepresentationFactory = _ => wire;
        return options;
    }

    private static ChatMessage ToChatMessage(ChatCompletionRequestMessage message, string path)
    {
        var role = message.Role switch
        {
            "system" => ChatRole.System,
            "developer" => Developer,
            "user" => ChatRole.User,
            "assistant" => ChatRole.Assistant,
            _ => ChatRole.Tool, // "tool", and the legacy "function"
        };

        var contents = new List<AIContent>();
        if (message.Role is "tool" or "function")
        {
            contents.Add(new FunctionResultContent(message.ToolCallId ?? message.Name ?? "", TextOf(message.Content)));
        }
        else if (message.Content?.Text is { } text)
        {
            contents.Add(new TextContent(text));
        }
        else if (message.Content?.Parts is { } parts)
        {
            for (var j = 0; j < parts.Count; j++)
            {
                contents.Add(ToContent(parts[j], $"{path}.content[{j}]"));
            }
        }

        if (message.Refusal is { } refusal)
        {
            contents.Add(new RefusalContent(refusal));
        }

        foreach (var call in message.ToolCalls ?? [])
        {
            if (call.Function is { } function)
            {
                contents.Add(new RawFunctionCallContent(call.Id!, function.Name!, function.Arguments!));
            }
        }

        return new ChatMessage(role, contents) { AuthorName = message.Name, AdditionalProperties = WireOnlyFields(message) };
    }

    /// <summary>
    /// What a Microsoft.Extensions.AI message has no type for (see <see cref="ChatMessageKeys"/>): custom tool calls,
    /// a legacy <c>function_call</c>, and the legacy <c>function</c> role of a result.
    /// </summary>
    private static AdditionalPropertiesDictionary? WireOnlyFields(ChatCompletionRequestMessage message)
    {
        AdditionalPropertiesDictionary? fields = null;
        if (message.ToolCalls?.Any(c => c.Type == "custom") == true)
        {
            (fields ??= [])[ChatMessageKeys.ToolCalls] = Json(message.ToolCalls);
        }

        if (message.FunctionCall is { } functionCall)
        {
            (fields ??= [])[ChatMessageKeys.FunctionCall] = Json(functionCall);
        }

        if (message.Role == "function")
        {
            (fields ??= [])[ChatMessageKeys.FunctionResult] = true;
        }

        return fields;
    }

    private static AIContent ToContent(ContentPart part, string path)
    {
        switch (part.Type)
        {
            case "text":
                return new TextContent(part.Text);
            case "refusal":
                return new RefusalContent(part.Refusal!);
            case "image_url":
                var url = part.ImageUrl!.Url!;
                AIContent image = url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                    ? DataUrl(url, $"{path}.image_url.url")
                    : new UriContent(new Uri(url), "image/*");
                if (part.ImageUrl.Detail is { } detail)
                {
                    image.AdditionalProperties = new() { ["detail"] = detail };
                }

                return image;
            case "input_audio":
                return new DataContent(Base64(part.InputAudio!.Data!, $"{path}.input_audio.data"), part.InputAudio.Format == "mp3" ? "audio/mpeg" : "audio/wav");
            default: // "file"
                var file = part.File!;
                AIContent content = file.FileData is { } data
                    ? DataUrl(data, $"{path}.file.file_data")
                    : new HostedFileContent(file.FileId!);
                if (content is DataContent dataContent)
                {
                    dataContent.Name = file.Filename;
                }
                else if (content is HostedFileContent hosted)
                {
                    hosted.Name = file.Filename;
                }

                return content;
        }
    }

    internal static DataContent DataUrl(string url, string param)
    {
        try
        {
            return new DataContent(url);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or UriFormatException)
        {
            throw new ChatProviderException(ChatProviderErrorKind.InvalidRequest, $"Invalid '{param}': not a valid base64 data URL.", ex)
            {
                Param = param,
                Code = "invalid_value",
            };
        }
    }

    private static byte[] Base64(string data, string param)
    {
        try
        {
            return Convert.FromBase64String(data);
        }
        catch (FormatException ex)
        {
            throw new ChatProviderException(ChatProviderErrorKind.InvalidRequest, $"Invalid '{param}': not valid base64.", ex)
            {
                Param = param,
                Code = "invalid_value",
            };
        }
    }

    private static string TextOf(MessageContent? content) =>
        content?.Text ?? string.Concat(content?.Parts?.Select(p => p.Text) ?? []);

    private static ChatResponseFormat? ToResponseFormat(ContractsResponseFormat? format) => format?.Type switch
    {
        "text" => ChatResponseFormat.Text,
        "json_object" => ChatResponseFormat.Json,
        // OpenAI makes the schema optional; Microsoft.Extensions.AI keeps a name only with a schema: the empty schema,
        // which any JSON matches, says the same as none.
        "json_schema" => new ChatResponseFormatJson(format.JsonSchema!.Schema ?? AnySchema, format.JsonSchema.Name, format.JsonSchema.Description),
        _ => null,
    };

    /// <summary>The first field that only OpenAI-type providers can honour (<c>tools[1]</c>, <c>tool_choice</c>), or null.</summary>
    private static string? OpenAIOnlyTools(ChatCompletionRequest request)
    {
        for (var i = 0; i < (request.Tools?.Count ?? 0); i++)
        {
            if (request.Tools![i].Type == "custom")
            {
                return $"tools[{i}]";
            }
        }

        return request.ToolChoice?.Named?.Type is "custom" or "allowed_tools" ? "tool_choice" : null;
    }

    /// <summary>The first message field that only OpenAI-type providers can honour (<c>messages[2].tool_calls[0]</c>, <c>messages[2].function_call</c>), or null.</summary>
    private static string? OpenAIOnlyMessageField(ChatCompletionRequest request)
    {
        for (var i = 0; i < (request.Messages?.Count ?? 0); i++)
        {
            var message = request.Messages![i];
            for (var j = 0; j < (message.ToolCalls?.Count ?? 0); j++)
            {
                if (message.ToolCalls![j].Type == "custom")
                {
                    return $"messages[{i}].tool_calls[{j}]";
                }
            }

            if (message.FunctionCall is not null)
            {
                return $"messages[{i}].function_call";
            }
        }

        return null;
    }

    private static ChatToolMode? ToToolMode(ToolChoice? choice) => choice switch
    {
        null => null,
        { Named.Function.Name: { } name } => ChatToolMode.RequireSpecific(name),
        { Mode: ToolChoice.None } => ChatToolMode.None,
        { Mode: ToolChoice.Required } => ChatToolMode.RequireAny,
        _ => ChatToolMode.Auto,
    };

    internal static void AddIfSet<T>(AdditionalPropertiesDictionary extra, string name, T? value)
    {
        if (value is not null)
        {
            extra[name] = Json(value);
        }
    }

    private static JsonElement Json<T>(T value) => value is JsonElement element ? element : JsonSerializer.SerializeToElement(value, WireJson.TypeInfo<T>());
}

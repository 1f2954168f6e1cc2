using System.Globalization;
using System.Text;
using System.Text.Json;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Providers.Ollama;

/// <summary>
/// Hand-written mapping between Microsoft.Extensions.AI and Ollama's native chat API. Sampling settings go to
/// <c>options</c>; <c>response_format</c> to <c>format</c>; images to base64 <c>images</c>. What Ollama cannot do is
/// refused with a clear 400 rather than dropped: image URLs, audio and file input, forcing a tool call, logprobs,
/// logit bias. A thinking model's <c>thinking</c> becomes <see cref="TextReasoningContent"/>; a reasoning effort
/// becomes <c>think</c>.
/// </summary>
internal static class OllamaMapping
{

    public static OllamaChatRequest ToRequest(
        IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream, IReadOnlyDictionary<string, JsonElement> defaultOptions, JsonElement? keepAlive)
    {
        RefuseUnsupported(options);
        return new OllamaChatRequest
        {
            Model = options?.ModelId ?? throw new InvalidOperationException("ChatOptions.ModelId is required: the router sets it."),
            Messages = ToMessages(messages),
            Stream = stream,
            Tools = options?.ToolMode is NoneChatToolMode || options?.Tools is not { Count: > 0 } tools ? null : [.. tools.Select(ToTool)],
            Format = options?.ResponseFormat switch
            {
                ChatResponseFormatJson { Schema: { } schema } => schema,
                ChatResponseFormatJson => JsonSerializer.SerializeToElement("json", OllamaJsonContext.Default.String),
                _ => null,
            },
            Options = ToOptions(options, defaultOptions),
            KeepAlive = keepAlive,
            Think = ToThink(options),
        };
    }

    /// <summary>The provider's configured <c>Options</c>, as JSON values, sent with every request.</summary>
    public static Dictionary<string, JsonElement> DefaultOptions(OllamaProviderOptions options) =>
        options.Options.ToDictionary(o => o.Key, o => ConfigValue(o.Value), StringComparer.Ordinal);

    /// <summary>The provider's configured <c>KeepAlive</c>, as JSON, or null for Ollama's default.</summary>
    public static JsonElement? KeepAlive(OllamaProviderOptions options) =>
        options.KeepAlive is { Length: > 0 } keepAlive ? ConfigValue(keepAlive) : null;

    /// <summary>
    /// <c>think</c> from the request's reasoning effort: <c>none</c> turns thinking off, any other effort on; without
    /// one, nothing is sent and the model does what it does by default.
    /// </summary>
    private static bool? ToThink(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue("reasoning_effort", out var value) == true && value is JsonElement { ValueKind: JsonValueKind.String } effort
            ? effort.GetString() != "none"
            : null;

    /// <summary>Turns configured option strings into JSON: integers and decimals as numbers, true/false as booleans.</summary>
    public static JsonElement ConfigValue(string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer) ? JsonSerializer.SerializeToElement(integer, OllamaJsonContext.Default.Int64)
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonSerializer.SerializeToElement(number, OllamaJsonContext.Default.Double)
        : bool.TryParse(value, out var flag) ? JsonSerializer.SerializeToElement(flag, OllamaJsonContext.Default.Boolean)
        : JsonSerializer.SerializeToElement(value, OllamaJsonContext.Default.String);

    public static ChatFinishReason ToFinishReason(string? doneReason, bool calledTools) => doneReason switch
    {
        _ when calledTools => ChatFinishReason.ToolCalls,
        "length" => ChatFinishReason.Length,
        _ => ChatFinishReason.Stop, // "stop", and "load"/"unload" or anything new
    };

    public static UsageDetails? ToUsage(OllamaChatResponse line) =>
        line.PromptEvalCount is null && line.EvalCount is null
            ? null
            : new UsageDetails
            {
                InputTokenCount = line.PromptEvalCount ?? 0,
                OutputTokenCount = line.EvalCount ?? 0,
                TotalTokenCount = (line.PromptEvalCount ?? 0) + (line.EvalCount ?? 0),
            };

    /// <summary>The text and tool calls of a whole answer or of one streamed line.</summary>
    public static List<AIContent> ToContents(OllamaMessage? message)
    {
        var contents = new List<AIContent>();
        if (!string.IsNullOrEmpty(message?.Thinking))
        {
            contents.Add(new TextReasoningContent(message.Thinking));
        }

        if (!string.IsNullOrEmpty(message?.Content))
        {
            contents.Add(new TextContent(message.Content));
        }

        contents.AddRange(ToToolCalls(message));
        return contents;
    }

    /// <summary>Ollama's tool calls as OpenAI's: the arguments object as a JSON string, and an id when Ollama gives none.</summary>
    private static IEnumerable<AIContent> ToToolCalls(OllamaMessage? message) =>
        message?.ToolCalls?.Select(call => (AIContent)new RawFunctionCallContent(
            call.Id ?? RandomIds.Create("call_", RandomIds.LowercaseAlphanumeric, 24),
            call.Function.Name,
            call.Function.Arguments.ValueKind == JsonValueKind.Undefined ? "{}" : call.Function.Arguments.GetRawText())) ?? [];

    private static List<OllamaMessage> ToMessages(IEnumerable<ChatMessage> messages)
    {
        var result = new List<OllamaMessage>();
        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.Tool)
            {
                foreach (var toolResult in message.Contents.OfType<FunctionResultContent>())
                {
                    result.Add(new OllamaMessage
                    {
                        Role = "tool",
                        Content = toolResult.Result?.ToString() ?? "",
                        ToolName = callNames.GetValueOrDefault(toolResult.CallId),
                    });
                }

                continue;
            }

            var text = new StringBuilder();
            List<string>? images = null;
            List<OllamaToolCall>? calls = null;
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent t:
                        text.Append(text.Length > 0 ? "\n" : "").Append(t.Text);
                        break;
                    case DataContent data when data.HasTopLevelMediaType("image"):
                        (images ??= []).Add(Convert.ToBase64String(data.Data.Span));
                        break;
                    case UriContent uri when uri.HasTopLevelMediaType("image"):
                        throw Refuse("Ollama takes images inline only: send the image as a base64 data URL (data:image/png;base64,…), not a link.", null);
                    case DataContent or UriContent or HostedFileContent:
                        throw Refuse("Ollama does not accept audio or file input; send text and images.", null);
                    case FunctionCallContent call:
                        callNames[call.CallId] = call.Name;
                        (calls ??= []).Add(new OllamaToolCall { Function = new OllamaFunctionCall { Name = call.Name, Arguments = ArgumentsObject(call) } });
                        break;
                }
            }

            result.Add(new OllamaMessage
            {
                Role = message.Role == ChatRole.User ? "user" : message.Role == ChatRole.Assistant ? "assistant" : "system",
                Content = text.ToString(),
                Images = images,
                ToolCalls = calls,
            });
        }

        return result;
    }

    private static JsonElement ArgumentsObject(FunctionCallContent call)
    {
        try
        {
            using var document = JsonDocument.Parse(RawFunctionCallContent.ArgumentsJsonOf(call));
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
        }

        throw Refuse($"The arguments of tool call '{call.CallId}' must be a JSON object for Ollama.", null);
    }

    private static OllamaTool ToTool(AITool tool) => tool switch
    {
        AIFunctionDeclaration function => new OllamaTool
        {
            Function = new OllamaFunction
            {
                Name = function.Name,
                Description = string.IsNullOrEmpty(function.Description) ? null : function.Description,
                Parameters = function.JsonSchema,
            },
        },
        _ => throw Refuse($"The tool '{tool.Name}' is not a function tool.", "tools"),
    };

    private static Dictionary<string, JsonElement>? ToOptions(ChatOptions? options, IReadOnlyDictionary<string, JsonElement> defaults)
    {
        var result = new Dictionary<string, JsonElement>(defaults, StringComparer.Ordinal);
        SetNumber("temperature", options?.Temperature);
        SetNumber("top_p", options?.TopP);
        SetInteger("top_k", options?.TopK);
        SetInteger("num_predict", options?.MaxOutputTokens);
        SetInteger("seed", options?.Seed);
        SetNumber("presence_penalty", options?.PresencePenalty);
        SetNumber("frequency_penalty", options?.FrequencyPenalty);
        if (options?.StopSequences is { Count: > 0 } stop)
        {
            result["stop"] = JsonSerializer.SerializeToElement(stop.ToArray(), OllamaJsonContext.Default.StringArray);
        }

        return result.Count > 0 ? result : null;

        // A float goes through its shortest text, so 0.7f is sent as 0.7, not 0.699999988079071.
        void SetNumber(string name, float? value)
        {
            if (value is { } v)
            {
                result[name] = ConfigValue(v.ToString(CultureInfo.InvariantCulture));
            }
        }

        void SetInteger(string name, long? value)
        {
            if (value is { } v)
            {
                result[name] = JsonSerializer.SerializeToElement(v, OllamaJsonContext.Default.Int64);
            }
        }
    }

    private static void RefuseUnsupported(ChatOptions? options)
    {
        if (options?.ToolMode is RequiredChatToolMode required)
        {
            throw Refuse(
                $"Ollama cannot be made to call a tool (tool_choice '{(required.RequiredFunctionName is { } name ? name : "required")}'); use 'auto'.",
                "tool_choice");
        }

        var extra = options?.AdditionalProperties;
        if (extra is null)
        {
            return;
        }

        if (extra.TryGetValue(ChatOptionKeys.OpenAIOnlyTools, out var toolsParam) && toolsParam is string param)
        {
            throw Refuse("Ollama has no custom tools, no 'allowed_tools' or 'custom' tool choice and no legacy function calls; use function tools and tool calls instead.", param);
        }

        if (Present(extra, "logprobs", requireTrue: true) || Present(extra, "top_logprobs"))
        {
            throw Refuse("The Ollama provider does not return logprobs.", "logprobs");
        }

        if (Present(extra, "logit_bias"))
        {
            throw Refuse("Ollama has no logit_bias.", "logit_bias");
        }
    }

    private static bool Present(AdditionalPropertiesDictionary extra, string key, bool requireTrue = false) =>
        extra.TryGetValue(key, out var value) && value is JsonElement json && json.ValueKind != JsonValueKind.Null
        && (!requireTrue || json.ValueKind == JsonValueKind.True);

    private static ChatProviderException Refuse(string message, string? param) =>
        new(ChatProviderErrorKind.InvalidRequest, message) { Param = param, Code = "unsupported_parameter" };
}

using Languru.Api.Mapping;
using Languru.Contracts.Responses;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Api.Responses;

/// <summary>
/// Maps a validated <see cref="CreateResponseRequest"/> (and the conversation it continues) onto the chat pipeline's
/// Microsoft.Extensions.AI messages and options, so every provider serves it. Consecutive function calls become one
/// assistant message with several tool calls, as chat completions require; reasoning items are not sent back (chat
/// completions upstreams take no reasoning input).
/// </summary>
internal static class ResponseRequestMapper
{
    private static readonly ChatRole Developer = new("developer");

    /// <summary>The input as items with ids, the form in which it is stored: a string becomes one user message.</summary>
    public static List<ResponseItem> ToInputItems(ResponseInput? input)
    {
        if (input?.Text is { } text)
        {
            return [Message("user", [new ResponseContentPart { Type = "input_text", Text = text }])];
        }

        var items = new List<ResponseItem>();
        foreach (var item in input?.Items ?? [])
        {
            var type = item.Type ?? "message";
            items.Add(type switch
            {
                "message" => Message(item.Role!, item.Content!.Parts ?? [TextPart(item.Role!, item.Content.Text!)], item.Id),
                "function_call" => new ResponseItem
                {
                    Type = type, Id = item.Id ?? ResponseIds.New(ResponseIds.FunctionCall), Status = "completed",
                    CallId = item.CallId, Name = item.Name, Arguments = item.Arguments,
                },
                "function_call_output" => new ResponseItem
                {
                    Type = type, Id = item.Id ?? ResponseIds.New(ResponseIds.FunctionCallOutput), Status = "completed", CallId = item.CallId, Output = item.Output,
                },
                _ => new ResponseItem { Type = type, Id = item.Id ?? ResponseIds.New(ResponseIds.Reasoning), Summary = item.Summary ?? [], Content = item.Content },
            });
        }

        return items;
    }

    public static List<ChatMessage> ToChatMessages(string? instructions, IEnumerable<ResponseItem> items)
    {
        var messages = new List<ChatMessage>();
        if (instructions is not null)
        {
            messages.Add(new ChatMessage(ChatRole.System, instructions));
        }

        var index = 0;
        foreach (var item in items)
        {
            switch (item.Type)
            {
                case "message":
                    messages.Add(new ChatMessage(ToRole(item.Role), [.. item.Content!.Parts!.Select(p => ToContent(p, $"input[{index}]"))]));
                    break;
                case "function_call":
                    var call = new RawFunctionCallContent(item.CallId!, item.Name!, item.Arguments!);
                    if (messages.Count > 0 && messages[^1].Role == ChatRole.Assistant)
                    {
                        messages[^1].Contents.Add(call);
                    }
                    else
                    {
                        messages.Add(new ChatMessage(ChatRole.Assistant, [call]));
                    }

                    break;
                case "function_call_output":
                    var output = item.Output!.Text ?? string.Concat(item.Output.Parts!.Select(p => p.Text));
                    messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(item.CallId!, output)]));
                    break;
            }

            index++;
        }

        return messages;
    }

    public static ChatOptions ToChatOptions(CreateResponseRequest request, string upstreamModelId)
    {
        var format = request.Text?.Format;
        var options = new ChatOptions
        {
            ModelId = upstreamModelId,
            Temperature = (float?)request.Temperature,
            TopP = (float?)request.TopP,
            MaxOutputTokens = request.MaxOutputTokens,
            ResponseFormat = format?.Type switch
            {
                "json_object" => ChatResponseFormat.Json,
                "json_schema" => new ChatResponseFormatJson(format.Schema, format.Name, format.Description),
                "text" => ChatResponseFormat.Text,
                _ => null,
            },
            Tools = request.Tools is { Count: > 0 } tools
                ? [.. tools.Select(t => (AITool)new FunctionToolDeclaration(t.Name!, t.Description, t.Parameters, t.Strict))]
                : null,
            ToolMode = request.ToolChoice switch
            {
                null => null,
                { Named.Name: { } name } => ChatToolMode.RequireSpecific(name),
                { Mode: "none" } => ChatToolMode.None,
                { Mode: "required" } => ChatToolMode.RequireAny,
                _ => ChatToolMode.Auto,
            },
            AllowMultipleToolCalls = request.ParallelToolCalls,
        };

        var extra = new AdditionalPropertiesDictionary();
        if (format is { Type: "json_schema", Strict: { } strict })
        {
            extra[ChatOptionKeys.JsonSchemaStrict] = strict;
        }

        ChatRequestMapper.AddIfSet(extra, "user", request.User);
        ChatRequestMapper.AddIfSet(extra, "safety_identifier", request.SafetyIdentifier);
        ChatRequestMapper.AddIfSet(extra, "prompt_cache_key", request.PromptCacheKey);
        ChatRequestMapper.AddIfSet(extra, "service_tier", request.ServiceTier);
        ChatRequestMapper.AddIfSet(extra, "reasoning_effort", request.Reasoning?.Effort);
        ChatRequestMapper.AddIfSet(extra, "verbosity", request.Text?.Verbosity);
        options.AdditionalProperties = extra.Count > 0 ? extra : null;
        return options;
    }

    private static ResponseItem Message(string role, IReadOnlyList<ResponseContentPart> parts, string? id = null) => new()
    {
        Type = "message",
        Id = id ?? ResponseIds.New(ResponseIds.Message),
        Status = "completed",
        Role = role,
        Content = new ResponseContent(parts),
    };

    private static ResponseContentPart TextPart(string role, string text) => role == "assistant"
        ? new ResponseContentPart { Type = "output_text", Text = text, Annotations = [], Logprobs = [] }
        : new ResponseContentPart { Type = "input_text", Text = text };

    private static ChatRole ToRole(string? role) => role switch
    {
        "system" => ChatRole.System,
        "developer" => Developer,
        "assistant" => ChatRole.Assistant,
        _ => ChatRole.User,
    };

    private static AIContent ToContent(ResponseContentPart part, string path)
    {
        switch (part.Type)
        {
            case "refusal":
                return new RefusalContent(part.Refusal ?? "");
            case "input_image":
                AIContent image = part.FileId is { } imageFile ? new HostedFileContent(imageFile)
                    : part.ImageUrl!.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ? ChatRequestMapper.DataUrl(part.ImageUrl, $"{path}.content.image_url")
                    : new UriContent(new Uri(part.ImageUrl), "image/*");
                if (part.Detail is { } detail)
                {
                    image.AdditionalProperties = new() { ["detail"] = detail };
                }

                return image;
            case "input_file":
                if (part.FileData is { } data)
                {
                    var content = ChatRequestMapper.DataUrl(data, $"{path}.content.file_data");
                    content.Name = part.Filename;
                    return content;
                }

                return part.FileId is { } fileId
                    ? new HostedFileContent(fileId) { Name = part.Filename }
                    : new UriContent(new Uri(part.FileUrl!), "application/octet-stream");
            default: // input_text, output_text
                return new TextContent(part.Text);
        }
    }
}

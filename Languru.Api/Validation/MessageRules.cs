using FluentValidation;
using Languru.Contracts.Chat;

namespace Languru.Api.Validation;

/// <summary>
/// The rules of each entry of <c>messages</c>: its role, and what each role requires and allows, with the tool calls an
/// assistant message carries. One rule of <see cref="ChatCompletionRequestValidator"/> runs them over the list, rather
/// than a child validator per message: FluentValidation's child validators build a context, a property chain and a
/// path string per message and per rule (about 1.7 KB for a two-message request, more than the rest of the request's
/// validation), and here a path is only written when a rule fails.
/// </summary>
internal static class MessageRules
{
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool", "function"];
    private static readonly string[] UserParts = ["text", "image_url", "input_audio", "file"];
    private static readonly string[] AssistantParts = ["text", "refusal"];
    private static readonly string[] TextParts = ["text"];
    private static readonly string[] ImageDetails = ["auto", "low", "high"];
    private static readonly string[] AudioFormats = ["wav", "mp3"];
    private static readonly string[] ToolCallTypes = ["function", "custom"];

    /// <summary>Checks every message in order, stopping at the first problem (its <c>param</c> is e.g. <c>messages[2].role</c>).</summary>
    public static void Check<T>(IReadOnlyList<ChatCompletionRequestMessage?>? messages, ValidationContext<T> context)
    {
        for (var i = 0; i < (messages?.Count ?? 0); i++)
        {
            if (!Message(messages![i], i, context))
            {
                return;
            }
        }
    }

    /// <returns>Whether the message is valid (a failure has been added otherwise).</returns>
    private static bool Message<T>(ChatCompletionRequestMessage? message, int index, ValidationContext<T> context)
    {
        string At(string field) => $"messages[{index}].{field}";
        if (message is null)
        {
            context.NullElement($"messages[{index}]", "an object");
            return false;
        }

        if (string.IsNullOrWhiteSpace(message.Role))
        {
            context.Missing(At("role"));
            return false;
        }

        if (!Roles.Contains(message.Role, StringComparer.Ordinal))
        {
            context.NotOneOf(At("role"), message.Role, Roles);
            return false;
        }

        if (!Content(message, index, context))
        {
            return false;
        }

        if (message.Role == "tool" && string.IsNullOrWhiteSpace(message.ToolCallId))
        {
            context.Missing(At("tool_call_id"));
            return false;
        }

        if (message.Role == "function" && string.IsNullOrWhiteSpace(message.Name))
        {
            context.Missing(At("name"));
            return false;
        }

        if (message.ToolCalls is { } calls)
        {
            if (message.Role != "assistant")
            {
                context.Fail(At("tool_calls"), "invalid_value", $"Invalid '{At("tool_calls")}': only assistant messages carry tool calls.");
                return false;
            }

            for (var j = 0; j < calls.Count; j++)
            {
                if (!ToolCall(calls[j], At($"tool_calls[{j}]"), context))
                {
                    return false;
                }
            }
        }

        if (message.FunctionCall is { } call)
        {
            if (message.Role != "assistant")
            {
                context.Fail(At("function_call"), "invalid_value", $"Invalid '{At("function_call")}': only assistant messages carry a function call.");
                return false;
            }

            return Function(call, At("function_call"), context);
        }

        return true;
    }

    /// <summary>A tool call on an assistant message (what the model called earlier): a function call with its name
    /// and arguments, or a custom tool call with its name and input.</summary>
    private static bool ToolCall<T>(ToolCall? call, string path, ValidationContext<T> context)
    {
        if (call is null)
        {
            context.NullElement(path, "an object");
            return false;
        }

        if (string.IsNullOrWhiteSpace(call.Id))
        {
            context.Missing($"{path}.id");
            return false;
        }

        if (string.IsNullOrWhiteSpace(call.Type))
        {
            context.Missing($"{path}.type");
            return false;
        }

        switch (call.Type)
        {
            case "function" when call.Function is null:
                context.Missing($"{path}.function");
                return false;
            case "function":
                return Function(call.Function, $"{path}.function", context);
            case "custom" when call.Custom is null:
                context.Missing($"{path}.custom");
                return false;
            case "custom" when string.IsNullOrWhiteSpace(call.Custom.Name):
                context.Missing($"{path}.custom.name");
                return false;
            case "custom" when call.Custom.Input is null:
                context.Missing($"{path}.custom.input");
                return false;
            case "custom":
                return true;
            default:
                context.NotOneOf($"{path}.type", call.Type, ToolCallTypes);
                return false;
        }
    }

    /// <summary>A function call: its name, and its arguments (which may be <c>""</c>).</summary>
    private static bool Function<T>(FunctionCall call, string path, ValidationContext<T> context)
    {
        if (string.IsNullOrWhiteSpace(call.Name))
        {
            context.Missing($"{path}.name");
            return false;
        }

        if (call.Arguments is null)
        {
            context.Missing($"{path}.arguments");
            return false;
        }

        return true;
    }

    /// <returns>Whether the content is valid (a failure has been added otherwise).</returns>
    private static bool Content<T>(ChatCompletionRequestMessage message, int index, ValidationContext<T> context)
    {
        var content = message.Content;
        if (content is null)
        {
            var optional = message.Role == "function"
                || (message.Role == "assistant" && (message.ToolCalls is { Count: > 0 } || message.FunctionCall is not null || message.Refusal is not null));
            if (!optional)
            {
                context.Missing($"messages[{index}].content");
            }

            return optional;
        }

        if (content.Parts is not { } parts)
        {
            return true;
        }

        var path = $"messages[{index}].content";
        if (parts.Count == 0)
        {
            context.CheckLength(path, parts.Count, 1, int.MaxValue);
            return false;
        }

        var allowed = message.Role switch
        {
            "user" => UserParts,
            "assistant" => AssistantParts,
            _ => TextParts,
        };
        for (var i = 0; i < parts.Count; i++)
        {
            if (!Part(parts[i], $"{path}[{i}]", allowed, context))
            {
                return false;
            }
        }

        return true;
    }

    /// <returns>Whether the part is valid (a failure has been added otherwise).</returns>
    private static bool Part<T>(ContentPart? part, string path, string[] allowed, ValidationContext<T> context)
    {
        if (part is null)
        {
            context.NullElement(path, "an object");
            return false;
        }

        switch (part.Type)
        {
            case null:
                context.Missing($"{path}.type");
                return false;
            case var type when !allowed.Contains(type, StringComparer.Ordinal):
                context.NotOneOf($"{path}.type", type, allowed);
                return false;
            case "text" when part.Text is null:
                context.Missing($"{path}.text");
                return false;
            case "refusal" when part.Refusal is null:
                context.Missing($"{path}.refusal");
                return false;
            case "image_url":
                return ImageUrl(part.ImageUrl, $"{path}.image_url", context);
            case "input_audio" when string.IsNullOrEmpty(part.InputAudio?.Data):
                context.Missing($"{path}.input_audio.data");
                return false;
            case "input_audio" when part.InputAudio!.Format is null:
                context.Missing($"{path}.input_audio.format");
                return false;
            case "input_audio" when !AudioFormats.Contains(part.InputAudio!.Format, StringComparer.Ordinal):
                context.NotOneOf($"{path}.input_audio.format", part.InputAudio!.Format!, AudioFormats);
                return false;
            case "file" when string.IsNullOrEmpty(part.File?.FileData) && string.IsNullOrEmpty(part.File?.FileId):
                context.Missing($"{path}.file.file_data", " (or 'file_id')");
                return false;
            case "file" when part.File!.FileData is { } data && !WireRules.IsDataUrl(data):
                context.Fail($"{path}.file.file_data", "invalid_value", $"Invalid '{path}.file.file_data': expected a base64 data URL (data:<type>;base64,…).");
                return false;
            default:
                return true;
        }
    }

    private static bool ImageUrl<T>(Contracts.Chat.ImageUrl? image, string path, ValidationContext<T> context)
    {
        if (string.IsNullOrWhiteSpace(image?.Url))
        {
            context.Missing($"{path}.url");
            return false;
        }

        if (image.Url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ? !WireRules.IsDataUrl(image.Url) : !WireRules.IsHttpUrl(image.Url))
        {
            context.Fail($"{path}.url", "invalid_value", $"Invalid '{path}.url': expected an http(s) URL or a base64 data URL (data:image/…;base64,…).");
            return false;
        }

        if (image.Detail is { } detail && !ImageDetails.Contains(detail, StringComparer.Ordinal))
        {
            context.NotOneOf($"{path}.detail", detail, ImageDetails);
            return false;
        }

        return true;
    }
}

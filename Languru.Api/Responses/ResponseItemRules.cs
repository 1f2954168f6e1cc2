using FluentValidation;
using Languru.Api.Validation;
using Languru.Contracts.Responses;

namespace Languru.Api.Responses;

/// <summary>The rules for one input item: its type, and what each type requires.</summary>
internal static class ResponseItemRules
{
    private static readonly string[] Types = ["message", "function_call", "function_call_output", "reasoning"];
    private static readonly string[] Roles = ["user", "assistant", "system", "developer"];
    private static readonly string[] InputParts = ["input_text", "input_image", "input_file"];
    private static readonly string[] AssistantParts = ["output_text", "refusal"];
    private static readonly string[] ImageDetails = ["low", "high", "auto"];

    /// <returns>Whether the item is valid (a failure has been added otherwise).</returns>
    public static bool Check<T>(ResponseItem item, string path, ValidationContext<T> context)
    {
        switch (item.Type ?? "message")
        {
            case "item_reference":
                context.Unsupported($"{path}.type", "send the items themselves, or continue a stored response with 'previous_response_id'.");
                return false;
            case var type when !Types.Contains(type, StringComparer.Ordinal):
                context.NotOneOf($"{path}.type", type, Types);
                return false;
            case "message":
                return Message(item, path, context);
            case "function_call" when string.IsNullOrEmpty(item.CallId):
                context.Missing($"{path}.call_id");
                return false;
            case "function_call" when string.IsNullOrEmpty(item.Name):
                context.Missing($"{path}.name");
                return false;
            case "function_call" when item.Arguments is null:
                context.Missing($"{path}.arguments");
                return false;
            case "function_call_output" when string.IsNullOrEmpty(item.CallId):
                context.Missing($"{path}.call_id");
                return false;
            case "function_call_output" when item.Output is null:
                context.Missing($"{path}.output");
                return false;
            case "function_call_output":
                return Parts(item.Output!.Parts, $"{path}.output", InputParts, context);
            default:
                return true;
        }
    }

    private static bool Message<T>(ResponseItem item, string path, ValidationContext<T> context)
    {
        if (item.Role is null)
        {
            context.Missing($"{path}.role");
            return false;
        }

        if (!Roles.Contains(item.Role, StringComparer.Ordinal))
        {
            context.NotOneOf($"{path}.role", item.Role, Roles);
            return false;
        }

        if (item.Content is null)
        {
            context.Missing($"{path}.content");
            return false;
        }

        return Parts(item.Content.Parts, $"{path}.content", item.Role == "assistant" ? AssistantParts : InputParts, context);
    }

    private static bool Parts<T>(IReadOnlyList<ResponseContentPart>? parts, string path, string[] allowed, ValidationContext<T> context)
    {
        for (var i = 0; i < (parts?.Count ?? 0); i++)
        {
            if (!Part(parts![i], $"{path}[{i}]", allowed, context))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Part<T>(ResponseContentPart part, string path, string[] allowed, ValidationContext<T> context)
    {
        switch (part.Type)
        {
            case null:
                context.Missing($"{path}.type");
                return false;
            case var type when !allowed.Contains(type, StringComparer.Ordinal):
                context.NotOneOf($"{path}.type", type, allowed);
                return false;
            case "input_text" or "output_text" when part.Text is null:
                context.Missing($"{path}.text");
                return false;
            case "refusal" when part.Refusal is null:
                context.Missing($"{path}.refusal");
                return false;
            case "input_image" when string.IsNullOrWhiteSpace(part.ImageUrl) && string.IsNullOrWhiteSpace(part.FileId):
                context.Missing($"{path}.image_url", " (or 'file_id')");
                return false;
            case "input_image" when part.ImageUrl is { } url && !(url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ? WireRules.IsDataUrl(url) : WireRules.IsHttpUrl(url)):
                context.Fail($"{path}.image_url", "invalid_value", $"Invalid '{path}.image_url': expected an http(s) URL or a base64 data URL (data:image/…;base64,…).");
                return false;
            case "input_image" when part.Detail is { } detail && !ImageDetails.Contains(detail, StringComparer.Ordinal):
                context.NotOneOf($"{path}.detail", detail, ImageDetails);
                return false;
            case "input_file" when string.IsNullOrEmpty(part.FileData) && string.IsNullOrEmpty(part.FileId) && string.IsNullOrEmpty(part.FileUrl):
                context.Missing($"{path}.file_data", " (or 'file_id' or 'file_url')");
                return false;
            case "input_file" when part.FileData is { } data && !WireRules.IsDataUrl(data):
                context.Fail($"{path}.file_data", "invalid_value", $"Invalid '{path}.file_data': expected a base64 data URL (data:<type>;base64,…).");
                return false;
            case "input_file" when part.FileUrl is { } fileUrl && !WireRules.IsHttpUrl(fileUrl):
                context.Fail($"{path}.file_url", "invalid_value", $"Invalid '{path}.file_url': expected an http(s) URL.");
                return false;
            default:
                return true;
        }
    }
}

using FluentValidation;
using Languru.Contracts.Chat;

namespace Languru.Api.Validation;

/// <summary>Validates one entry of <c>messages</c>: its role, and what each role requires and allows.</summary>
internal sealed class MessageValidator : WireValidator<ChatCompletionRequestMessage>
{
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool", "function"];
    private static readonly string[] UserParts = ["text", "image_url", "input_audio", "file"];
    private static readonly string[] AssistantParts = ["text", "refusal"];
    private static readonly string[] TextParts = ["text"];
    private static readonly string[] ImageDetails = ["auto", "low", "high"];
    private static readonly string[] AudioFormats = ["wav", "mp3"];

    public MessageValidator()
    {
        RuleFor(m => m.Role).Required().OneOf(Roles);
        RuleFor(m => m.Content).Custom(Content);
        RuleFor(m => m.ToolCallId).Required().When(m => m.Role == "tool");
        RuleFor(m => m.Name).Required().When(m => m.Role == "function");
        RuleFor(m => m.ToolCalls).Custom((calls, context) =>
        {
            if (calls is not null && context.InstanceToValidate.Role != "assistant")
            {
                context.Fail(context.PropertyPath, "invalid_value", $"Invalid '{context.PropertyPath}': only assistant messages carry tool calls.");
            }
        });
        RuleForEach(m => m.ToolCalls).NotNullElement("an object").SetValidator(new ToolCallValidator());
        RuleFor(m => m.FunctionCall).Custom((call, context) =>
        {
            if (call is not null && context.InstanceToValidate.Role != "assistant")
            {
                context.Fail(context.PropertyPath, "invalid_value", $"Invalid '{context.PropertyPath}': only assistant messages carry a function call.");
            }
        });
        RuleFor(m => m.FunctionCall!.Name).Required().When(m => m.FunctionCall is not null);
        RuleFor(m => m.FunctionCall!.Arguments).Present().When(m => m.FunctionCall is not null);
    }

    private static void Content(MessageContent? content, ValidationContext<ChatCompletionRequestMessage> context)
    {
        var message = context.InstanceToValidate;
        var path = context.PropertyPath;
        if (content is null)
        {
            var optional = message.Role == "function"
                || (message.Role == "assistant" && (message.ToolCalls is { Count: > 0 } || message.FunctionCall is not null || message.Refusal is not null));
            if (!optional)
            {
                context.Missing(path);
            }

            return;
        }

        if (content.Parts is not { } parts)
        {
            return;
        }

        context.CheckLength(path, parts.Count, 1, int.MaxValue);
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
                return;
            }
        }
    }

    /// <returns>Whether the part is valid (a failure has been added otherwise).</returns>
    private static bool Part(ContentPart? part, string path, string[] allowed, ValidationContext<ChatCompletionRequestMessage> context)
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

    private static bool ImageUrl(Contracts.Chat.ImageUrl? image, string path, ValidationContext<ChatCompletionRequestMessage> context)
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

using System.Text.Json;
using FluentValidation;
using Languru.Api.Limits;
using Languru.Contracts.Chat;
using Microsoft.Extensions.Options;

namespace Languru.Api.Validation;

/// <summary>
/// Validates a chat completion request against OpenAI's rules (ranges, roles, unions, dependent fields), so that a
/// client mistake is a 400 naming the field, never a provider error or a 500; and against the gateway's own
/// <see cref="LimitsOptions"/>, whose refusals name the setting.
/// </summary>
internal sealed class ChatCompletionRequestValidator : WireValidator<ChatCompletionRequest>
{
    private static readonly string[] ToolChoiceModes = [ToolChoice.None, ToolChoice.Auto, ToolChoice.Required];
    private static readonly string[] NamedToolChoiceTypes = ["function", "custom", "allowed_tools"];
    private static readonly string[] AllowedToolsModes = ["auto", "required"];

    public ChatCompletionRequestValidator(IOptions<LimitsOptions> limits)
    {
        var max = limits.Value;
        RuleFor(r => r.Model).Required();
        RuleFor(r => r).Custom(PromptOrMessages);
        RuleFor(r => r.Messages).Length(1, int.MaxValue).Custom((messages, context) =>
        {
            if (messages?.Count > max.MaxMessages)
            {
                context.Fail("messages", "array_above_max_length",
                    $"Invalid 'messages': array too long. This gateway accepts at most {max.MaxMessages} messages per request (setting Languru:Limits:MaxMessages), but got {messages.Count}.");
            }
        });
        RuleFor(r => r.Messages).Custom(MessageRules.Check);
        RuleFor(r => r.Temperature).Between(0, 2);
        RuleFor(r => r.TopP).Between(0, 1);
        RuleFor(r => r.N).Between(1, 128).Custom((n, context) =>
        {
            if (n > max.MaxChoices)
            {
                context.Fail("n", "integer_above_max_value",
                    $"Invalid 'n': this gateway serves at most {max.MaxChoices} choices per request (setting Languru:Limits:MaxChoices), but got {n}.");
            }
        });
        RuleFor(r => r.MaxTokens).Between(1);
        RuleFor(r => r.MaxCompletionTokens).Between(1);
        RuleFor(r => r.Stop).Custom((stop, context) => context.CheckLength(context.PropertyPath, stop?.Values.Count, 1, 4));
        RuleFor(r => r.PresencePenalty).Between(-2, 2);
        RuleFor(r => r.FrequencyPenalty).Between(-2, 2);
        RuleFor(r => r.LogitBias).Custom(LogitBias);
        RuleFor(r => r.TopLogprobs).Between(0, 20);
        RuleFor(r => r).Custom((r, context) =>
        {
            if (r.TopLogprobs is not null && r.Logprobs != true)
            {
                context.Fail("top_logprobs", "invalid_value", "Invalid value for 'top_logprobs': 'logprobs' must be true to use 'top_logprobs'.");
            }
        });
        RuleFor(r => r.ResponseFormat!).SetValidator(new ResponseFormatValidator()).When(r => r.ResponseFormat is not null);
        RuleForEach(r => r.Tools).NotNullElement("an object").SetValidator(new ToolValidator());
        RuleFor(r => r).Custom(ToolChoiceRule);
        RuleFor(r => r).Custom((r, context) =>
        {
            if (r.StreamOptions is not null && r.Stream != true)
            {
                context.Fail("stream_options", "invalid_value", "Invalid value for 'stream_options': it is only allowed when 'stream' is true.");
            }
        });
        RuleFor(r => r.Metadata).Metadata();
        RuleForEach(r => r.Modalities).NotNullElement("a string").OneOf("text", "audio");
        RuleFor(r => r).Custom(AudioOutput);

        // Enums and lengths as OpenAI's API reference (CreateChatCompletionRequest) gives them.
        RuleFor(r => r.ServiceTier).OneOf("auto", "default", "flex", "scale", "priority", "fast");
        RuleFor(r => r.ReasoningEffort).OneOf("none", "minimal", "low", "medium", "high", "xhigh", "max");
        RuleFor(r => r.Verbosity).OneOf("low", "medium", "high");
        RuleFor(r => r.SafetyIdentifier).MaxLength(64);
        RuleFor(r => r).Custom(JsonFieldRules.Check);
    }

    private static void PromptOrMessages(ChatCompletionRequest request, ValidationContext<ChatCompletionRequest> context)
    {
        if (request.Prompt is not null && request.Messages is not null)
        {
            context.Fail("prompt", "invalid_value", "Send either 'messages' or the 'prompt' shorthand, not both.");
        }
        else if (request.Prompt is null && request.Messages is null)
        {
            context.Missing("messages", " (or the 'prompt' shorthand)");
        }
    }

    /// <summary>
    /// Audio answers have no way back to the client through Microsoft.Extensions.AI or the gateway's response types,
    /// whatever the provider; refuse them rather than answer in text only or lose the audio.
    /// </summary>
    private static void AudioOutput(ChatCompletionRequest request, ValidationContext<ChatCompletionRequest> context)
    {
        var param = request.Modalities?.Contains("audio", StringComparer.Ordinal) == true ? "modalities"
            : request.Audio is { ValueKind: not JsonValueKind.Null } ? "audio"
            : null;
        if (param is not null)
        {
            context.Fail(param, "unsupported_parameter",
                "Audio output is not supported by this gateway: the answer's audio could not be passed back. Ask for text only.");
        }
    }

    private static void LogitBias(IReadOnlyDictionary<string, int>? bias, ValidationContext<ChatCompletionRequest> context)
    {
        foreach (var (token, value) in bias ?? new Dictionary<string, int>())
        {
            if (!long.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                context.Fail("logit_bias", "invalid_value", $"Invalid key in 'logit_bias': '{token}' is not a token id (a non-negative integer).");
                return;
            }

            if (value is < -100 or > 100)
            {
                context.Fail("logit_bias", "invalid_value", $"Invalid value in 'logit_bias' for token {token}: expected -100 to 100, but got {value}.");
                return;
            }
        }
    }

    private static void ToolChoiceRule(ChatCompletionRequest request, ValidationContext<ChatCompletionRequest> context)
    {
        var choice = request.ToolChoice;
        if (choice is null)
        {
            return;
        }

        if (choice.Mode is { } mode)
        {
            if (!ToolChoiceModes.Contains(mode, StringComparer.Ordinal))
            {
                context.NotOneOf("tool_choice", mode, ToolChoiceModes);
            }
            else if (mode == ToolChoice.Required && request.Tools is not { Count: > 0 })
            {
                context.Fail("tool_choice", "invalid_value", "Invalid value for 'tool_choice': 'required' is only allowed when 'tools' are specified.");
            }

            return;
        }

        var named = choice.Named!;
        switch (named.Type)
        {
            case "function" when string.IsNullOrWhiteSpace(named.Function?.Name):
                context.Missing("tool_choice.function.name");
                break;
            case "function" when request.Tools?.Any(t => t.Type == "function" && t.Function?.Name == named.Function.Name) != true:
                context.Fail("tool_choice.function.name", "invalid_value",
                    $"Invalid value for 'tool_choice.function.name': no tool named '{named.Function.Name}' is declared in 'tools'.");
                break;
            case "custom" when string.IsNullOrWhiteSpace(named.Custom?.Name):
                context.Missing("tool_choice.custom.name");
                break;
            case "custom" when request.Tools?.Any(t => t.Type == "custom" && CustomName(t) == named.Custom.Name) != true:
                context.Fail("tool_choice.custom.name", "invalid_value",
                    $"Invalid value for 'tool_choice.custom.name': no custom tool named '{named.Custom.Name}' is declared in 'tools'.");
                break;
            case "allowed_tools":
                AllowedTools(named.AllowedTools, context);
                break;
            case "function" or "custom":
                break;
            default:
                context.NotOneOf("tool_choice.type", named.Type ?? "null", NamedToolChoiceTypes);
                break;
        }
    }

    private static string? CustomName(ChatTool tool) =>
        tool.Custom is { ValueKind: JsonValueKind.Object } custom && custom.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;

    private static void AllowedTools(JsonElement? allowed, ValidationContext<ChatCompletionRequest> context)
    {
        if (allowed is not { ValueKind: JsonValueKind.Object } value)
        {
            context.Missing("tool_choice.allowed_tools");
        }
        else if (!value.TryGetProperty("mode", out var mode) || mode.ValueKind != JsonValueKind.String)
        {
            context.Missing("tool_choice.allowed_tools.mode");
        }
        else if (!AllowedToolsModes.Contains(mode.GetString(), StringComparer.Ordinal))
        {
            context.NotOneOf("tool_choice.allowed_tools.mode", mode.GetString()!, AllowedToolsModes);
        }
        else if (!value.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array)
        {
            context.Missing("tool_choice.allowed_tools.tools");
        }
    }
}

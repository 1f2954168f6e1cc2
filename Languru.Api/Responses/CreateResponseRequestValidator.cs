using System.Text.Json;
using FluentValidation;
using Languru.Api.Validation;
using Languru.Contracts.Responses;

namespace Languru.Api.Responses;

/// <summary>
/// Validates a response request against OpenAI's rules, and refuses with a 400 naming the field what the gateway
/// cannot do (built-in tools, background runs, conversations, prompt templates, …) rather than silently drop it.
/// </summary>
internal sealed class CreateResponseRequestValidator : WireValidator<CreateResponseRequest>
{
    private static readonly string[] ToolChoiceModes = ["none", "auto", "required"];
    private static readonly string[] Efforts = ["none", "minimal", "low", "medium", "high", "xhigh"];

    public CreateResponseRequestValidator()
    {
        RuleFor(r => r.Model).Required();
        RuleFor(r => r).Custom(Unsupported);
        RuleFor(r => r.Input).Required();
        RuleFor(r => r.Input).Custom((input, context) => context.CheckLength("input", input?.Items?.Count, 1, int.MaxValue));
        RuleFor(r => r.Input).Custom((input, context) =>
        {
            for (var i = 0; i < (input?.Items?.Count ?? 0); i++)
            {
                if (!ResponseItemRules.Check(input!.Items![i], $"input[{i}]", context))
                {
                    return;
                }
            }
        });
        RuleFor(r => r.Temperature).Between(0, 2);
        RuleFor(r => r.TopP).Between(0, 1);
        RuleFor(r => r.MaxOutputTokens).Between(16);
        RuleFor(r => r.Metadata).Metadata();
        RuleFor(r => r.Reasoning!.Effort).OneOf(Efforts).When(r => r.Reasoning is not null);
        RuleFor(r => r).Custom(Tools);
        RuleFor(r => r).Custom(ToolChoice);
        RuleFor(r => r.Text!.Format!).Custom(Format).When(r => r.Text?.Format is not null);
    }

    private static void Unsupported(CreateResponseRequest request, ValidationContext<CreateResponseRequest> context)
    {
        if (request.Background == true)
        {
            context.Unsupported("background", "responses run while the request is open; send 'background': false or leave it out.");
        }
        else if (request.Conversation is { ValueKind: not JsonValueKind.Null })
        {
            context.Unsupported("conversation", "the gateway keeps no conversation objects; continue a conversation with 'previous_response_id'.");
        }
        else if (request.Prompt is { ValueKind: not JsonValueKind.Null })
        {
            context.Unsupported("prompt", "the gateway has no prompt templates; send 'instructions' and 'input'.");
        }
        else if (request.Include is { Count: > 0 })
        {
            context.Unsupported("include", "the gateway cannot add the extra output data it names.");
        }
        else if (request.TopLogprobs is not null)
        {
            context.Unsupported("top_logprobs", "the Responses API of this gateway returns no log probabilities (chat completions do).");
        }
        else if (request.MaxToolCalls is not null)
        {
            context.Unsupported("max_tool_calls", "the gateway runs no built-in tools.");
        }
        else if (request.ContextManagement is { ValueKind: not JsonValueKind.Null })
        {
            context.Unsupported("context_management", "the gateway does no context management.");
        }
        else if (request.Truncation is "auto")
        {
            context.Unsupported("truncation", "the gateway does not truncate conversations; send 'disabled' or leave it out.");
        }
        else if (request.Truncation is { } truncation and not "disabled")
        {
            context.NotOneOf("truncation", truncation, ["disabled"]);
        }
    }

    private static void Tools(CreateResponseRequest request, ValidationContext<CreateResponseRequest> context)
    {
        for (var i = 0; i < (request.Tools?.Count ?? 0); i++)
        {
            var tool = request.Tools![i];
            var path = $"tools[{i}]";
            if (tool.Type is null)
            {
                context.Missing($"{path}.type");
            }
            else if (tool.Type != "function")
            {
                context.Unsupported($"{path}.type",
                    $"the built-in tool '{tool.Type}' runs only on OpenAI's own servers; declare 'function' tools and run them in your application.");
            }
            else if (string.IsNullOrWhiteSpace(tool.Name))
            {
                context.Missing($"{path}.name");
            }
            else if (!WireRules.IsFunctionName(tool.Name))
            {
                context.Fail($"{path}.name", "invalid_value", $"Invalid '{path}.name': '{tool.Name}' does not match the pattern '^[a-zA-Z0-9_-]{{1,64}}$'.");
            }
            else if (tool.Parameters is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
            {
                context.Fail($"{path}.parameters", "invalid_type", $"Invalid type for '{path}.parameters': expected a JSON Schema object.");
            }
            else
            {
                continue;
            }

            return;
        }
    }

    private static void ToolChoice(CreateResponseRequest request, ValidationContext<CreateResponseRequest> context)
    {
        switch (request.ToolChoice)
        {
            case null:
                return;
            case { Mode: { } mode } when !ToolChoiceModes.Contains(mode, StringComparer.Ordinal):
                context.NotOneOf("tool_choice", mode, ToolChoiceModes);
                return;
            case { Mode: "required" } when request.Tools is not { Count: > 0 }:
                context.Fail("tool_choice", "invalid_value", "Invalid value for 'tool_choice': 'required' is only allowed when 'tools' are specified.");
                return;
            case { Named: { } named } when named.Type != "function":
                context.Unsupported("tool_choice.type", "only function tools can be chosen; built-in tools run only on OpenAI's own servers.");
                return;
            case { Named: { } named } when string.IsNullOrWhiteSpace(named.Name):
                context.Missing("tool_choice.name");
                return;
            case { Named: { } named } when request.Tools?.Any(t => t.Name == named.Name) != true:
                context.Fail("tool_choice.name", "invalid_value", $"Invalid value for 'tool_choice.name': no tool named '{named.Name}' is declared in 'tools'.");
                return;
        }
    }

    private static void Format(ResponseTextFormat format, ValidationContext<CreateResponseRequest> context)
    {
        switch (format.Type)
        {
            case null:
                context.Missing("text.format.type");
                break;
            case not ("text" or "json_object" or "json_schema"):
                context.NotOneOf("text.format.type", format.Type, ["text", "json_object", "json_schema"]);
                break;
            case "json_schema" when string.IsNullOrWhiteSpace(format.Name):
                context.Missing("text.format.name");
                break;
            case "json_schema" when !WireRules.IsFunctionName(format.Name!):
                context.Fail("text.format.name", "invalid_value", $"Invalid 'text.format.name': '{format.Name}' does not match the pattern '^[a-zA-Z0-9_-]{{1,64}}$'.");
                break;
            case "json_schema" when format.Schema is not { ValueKind: JsonValueKind.Object }:
                context.Fail("text.format.schema", "invalid_type", "Invalid type for 'text.format.schema': expected a JSON Schema object.");
                break;
        }
    }
}

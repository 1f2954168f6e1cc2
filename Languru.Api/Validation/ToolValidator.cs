using System.Text.Json;
using FluentValidation;
using Languru.Contracts.Chat;

namespace Languru.Api.Validation;

/// <summary>Validates a declared tool: a function with a valid name and, if given, an object parameter schema.</summary>
internal sealed class ToolValidator : WireValidator<ChatTool>
{
    public ToolValidator()
    {
        RuleFor(t => t.Type).Required().OneOf("function");
        RuleFor(t => t.Function).Required();
        RuleFor(t => t.Function!.Name).Required().Custom((name, context) =>
        {
            if (name is not null && !ChatCompletionRequestValidator.FunctionNamePattern().IsMatch(name))
            {
                context.Fail(context.PropertyPath, "invalid_value",
                    $"Invalid '{context.PropertyPath}': '{name}' does not match the pattern '^[a-zA-Z0-9_-]{{1,64}}$'.");
            }
        });
        RuleFor(t => t.Function!.Parameters).Custom((schema, context) =>
        {
            if (schema is { ValueKind: not JsonValueKind.Object })
            {
                context.Fail(context.PropertyPath, "invalid_type", $"Invalid type for '{context.PropertyPath}': expected a JSON Schema object.");
            }
        });
    }
}

using System.Text.Json;
using FluentValidation;
using Languru.Contracts.Chat;

namespace Languru.Api.Validation;

/// <summary>
/// Validates a declared tool: a function with a valid name and, if given, an object parameter schema; or a custom tool
/// with a name.
/// </summary>
internal sealed class ToolValidator : WireValidator<ChatTool>
{
    public ToolValidator()
    {
        RuleFor(t => t.Type).Required().OneOf("function", "custom");
        RuleFor(t => t.Function).Required().When(t => t.Type == "function");
        RuleFor(t => t.Function!.Name).Required().FunctionName().When(t => t.Type == "function");
        RuleFor(t => t.Function!.Parameters).JsonSchemaObject().When(t => t.Type == "function");
        RuleFor(t => t.Custom).Custom((custom, context) =>
        {
            var path = context.PropertyPath;
            if (custom is not { ValueKind: JsonValueKind.Object } tool)
            {
                context.Missing(path);
            }
            else if (!tool.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetString()))
            {
                context.Missing($"{path}.name");
            }
        }).When(t => t.Type == "custom");
    }
}

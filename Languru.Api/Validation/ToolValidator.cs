using Languru.Contracts.Chat;

namespace Languru.Api.Validation;

/// <summary>Validates a declared tool: a function with a valid name and, if given, an object parameter schema.</summary>
internal sealed class ToolValidator : WireValidator<ChatTool>
{
    public ToolValidator()
    {
        RuleFor(t => t.Type).Required().OneOf("function");
        RuleFor(t => t.Function).Required();
        RuleFor(t => t.Function!.Name).Required().FunctionName();
        RuleFor(t => t.Function!.Parameters).JsonSchemaObject();
    }
}

using FluentValidation;
using Languru.Contracts.Chat;

namespace Languru.Api.Validation;

/// <summary>Validates a tool call on an assistant message (what the model called earlier in the conversation).</summary>
internal sealed class ToolCallValidator : WireValidator<ToolCall>
{
    public ToolCallValidator()
    {
        RuleFor(c => c.Id).Required();
        RuleFor(c => c.Type).Required().OneOf("function");
        RuleFor(c => c.Function).Required();
        RuleFor(c => c.Function!.Name).Required();
        RuleFor(c => c.Function!.Arguments).Custom((arguments, context) =>
        {
            if (arguments is null)
            {
                context.Missing(context.PropertyPath);
            }
        });
    }
}

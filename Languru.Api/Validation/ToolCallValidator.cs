using FluentValidation;
using Languru.Contracts.Chat;

namespace Languru.Api.Validation;

/// <summary>
/// Validates a tool call on an assistant message (what the model called earlier in the conversation): a function call
/// with its name and arguments, or a custom tool call with its name and input.
/// </summary>
internal sealed class ToolCallValidator : WireValidator<ToolCall>
{
    public ToolCallValidator()
    {
        RuleFor(c => c.Id).Required();
        RuleFor(c => c.Type).Required().OneOf("function", "custom");
        RuleFor(c => c.Function).Required().When(c => c.Type == "function");
        RuleFor(c => c.Function!.Name).Required().When(c => c.Type == "function");
        RuleFor(c => c.Function!.Arguments).Present().When(c => c.Type == "function");
        RuleFor(c => c.Custom).Required().When(c => c.Type == "custom");
        RuleFor(c => c.Custom!.Name).Required().When(c => c.Type == "custom");
        RuleFor(c => c.Custom!.Input).Present().When(c => c.Type == "custom");
    }
}

using System.Text.Json;
using FluentValidation;
using Languru.Contracts.Chat;

namespace Languru.Api.Validation;

/// <summary>Validates <c>response_format</c>: its type, and for <c>json_schema</c> the name and schema.</summary>
internal sealed class ResponseFormatValidator : WireValidator<ResponseFormat>
{
    public ResponseFormatValidator()
    {
        RuleFor(f => f.Type).Required().OneOf("text", "json_object", "json_schema");
        RuleFor(f => f.JsonSchema).Required().When(f => f.Type == "json_schema");
        RuleFor(f => f.JsonSchema!.Name).Required().Custom((name, context) =>
        {
            if (name is not null && !ChatCompletionRequestValidator.FunctionNamePattern().IsMatch(name))
            {
                context.Fail(context.PropertyPath, "invalid_value",
                    $"Invalid '{context.PropertyPath}': '{name}' does not match the pattern '^[a-zA-Z0-9_-]{{1,64}}$'.");
            }
        }).When(f => f.Type == "json_schema");
        RuleFor(f => f.JsonSchema!.Schema).Custom((schema, context) =>
        {
            if (schema is { ValueKind: not JsonValueKind.Object })
            {
                context.Fail(context.PropertyPath, "invalid_type", $"Invalid type for '{context.PropertyPath}': expected a JSON Schema object.");
            }
        }).When(f => f.Type == "json_schema");
    }
}

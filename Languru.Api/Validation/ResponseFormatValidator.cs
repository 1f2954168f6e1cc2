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
        RuleFor(f => f.JsonSchema!.Name).Required().FunctionName().When(f => f.Type == "json_schema");
        RuleFor(f => f.JsonSchema!.Schema).JsonSchemaObject().When(f => f.Type == "json_schema");
    }
}

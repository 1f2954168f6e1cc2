using Languru.Contracts;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Languru.Api.Validation;

/// <summary>
/// Keeps MVC's object-graph validation out of the wire DTOs (<c>Languru.Contracts</c>). MVC walks every node of a bound
/// body looking for DataAnnotations, even under <c>[ValidateNever]</c> (which only skips the parameter's own rules),
/// and the DTOs carry none: every request is validated by its FluentValidation validator in the controller, which
/// names OpenAI's <c>param</c>. Binding errors (malformed JSON, wrong types, an empty body) are still recorded by the
/// body binder and answered by <see cref="Errors.ModelStateErrors"/>; route and query values are validated as before.
/// </summary>
internal sealed class WireTypesSkipObjectValidation : IValidationMetadataProvider
{
    private static readonly string WireNamespace = typeof(LanguruJsonContext).Namespace!;

    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        if (context.Key.ModelType.Namespace is { } ns && (ns == WireNamespace || ns.StartsWith(WireNamespace + ".", StringComparison.Ordinal)))
        {
            context.ValidationMetadata.ValidateChildren = false;
        }
    }
}

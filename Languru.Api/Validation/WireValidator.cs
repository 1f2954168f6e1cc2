using FluentValidation;

namespace Languru.Api.Validation;

/// <summary>
/// Base of the request validators: wire property names, and only the first problem reported (as OpenAI does,
/// and it spares validating the rest of a request that is refused anyway).
/// </summary>
/// <typeparam name="T">The validated type.</typeparam>
internal abstract class WireValidator<T> : AbstractValidator<T>
{
    static WireValidator()
    {
        // Rule names are resolved when rules are built, in the derived constructors; this runs before them.
        ValidatorOptions.Global.PropertyNameResolver = WireNames.Resolve;
    }

    protected WireValidator()
    {
        ClassLevelCascadeMode = CascadeMode.Stop;
        RuleLevelCascadeMode = CascadeMode.Stop;
    }
}

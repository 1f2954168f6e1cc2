using Microsoft.Extensions.Options;

namespace Languru.Api.Limits;

/// <summary>Checks <c>Languru:Limits</c>, naming each wrong setting.</summary>
internal sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        var problems = options.Anonymous.Validate($"{LimitsOptions.SectionName}:Anonymous").ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

using Microsoft.Extensions.Options;

namespace Languru.Api.Limits;

/// <summary>Checks <c>Languru:Limits</c>, naming each wrong setting.</summary>
internal sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        var problems = options.Anonymous.Validate($"{LimitsOptions.SectionName}:Anonymous").ToList();
        if (options.MaxChoices is < 1 or > 128)
        {
            problems.Add($"{LimitsOptions.SectionName}:MaxChoices must be between 1 and 128 (OpenAI's own maximum).");
        }

        if (options.MaxMessages is < 1 or > 1_000_000)
        {
            problems.Add($"{LimitsOptions.SectionName}:MaxMessages must be between 1 and 1000000.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Languru.Providers.Configuration;

/// <summary>
/// Binds options from configuration without throwing on a value that does not convert: every such value is left
/// out of the binding and reported by <see cref="Validate"/>, together with the data-annotation failures, each on
/// its own line naming the setting, its value and what is expected. So a start-up with several mistakes lists them
/// all (with <c>ValidateOnStart</c>), instead of stopping at the binder's first exception.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
/// <param name="configuration">The application configuration.</param>
/// <param name="sectionOf">The section path of the options with a given name; null when this binding does not apply.</param>
internal sealed class CheckedBinding<TOptions>(IConfiguration configuration, Func<string, string?> sectionOf)
    : IConfigureNamedOptions<TOptions>, IValidateOptions<TOptions>
    where TOptions : class
{
    public void Configure(string? name, TOptions options)
    {
        if (Section(name) is not { } section)
        {
            return;
        }

        var unconvertible = SettingValues.FindUnconvertible(section, typeof(TOptions));
        if (unconvertible.Count == 0)
        {
            section.Bind(options);
            return;
        }

        var skipped = unconvertible.Select(u => u.RelativeKey).ToHashSet(StringComparer.OrdinalIgnoreCase);
        new ConfigurationBuilder()
            .AddInMemoryCollection(section.AsEnumerable(makePathsRelative: true).Where(kv => kv.Value is not null && !skipped.Contains(kv.Key)))
            .Build()
            .Bind(options);
    }

    public void Configure(TOptions options) => Configure(Options.DefaultName, options);

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (Section(name) is not { } section)
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = SettingValues.FindUnconvertible(section, typeof(TOptions)).Select(u => u.Problem).ToList();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = result.MemberNames.Any() ? result.MemberNames : [""];
            problems.AddRange(members.Select(member => Describe(section, member, result.ErrorMessage)));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Distinct());
    }

    private IConfigurationSection? Section(string? name) =>
        sectionOf(name ?? Options.DefaultName) is { } path ? configuration.GetSection(path) : null;

    private static string Describe(IConfigurationSection section, string member, string? message)
    {
        var setting = member.Length == 0 ? section : section.GetSection(member);
        var value = setting.Value is null ? "" : $" '{setting.Value}'";
        return $"{setting.Path}{value}: {message}";
    }
}

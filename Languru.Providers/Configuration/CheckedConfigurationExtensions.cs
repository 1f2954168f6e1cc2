using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Languru.Providers.Configuration;

/// <summary>Binding options so that a misconfigured gateway lists every problem at start-up.</summary>
public static class CheckedConfigurationExtensions
{
    /// <summary>
    /// Binds the options to <paramref name="sectionPath"/> and checks them with their data annotations; a value that
    /// does not convert (<c>DeltaDelay=banana</c>) becomes a validation failure naming the setting instead of an
    /// exception that hides the other problems. Use it instead of <c>BindConfiguration(…).ValidateDataAnnotations()</c>,
    /// followed by <c>ValidateOnStart()</c>.
    /// </summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="builder">The options builder.</param>
    /// <param name="sectionPath">The configuration section, e.g. <c>Languru:Limits</c>.</param>
    /// <returns>The options builder.</returns>
    public static OptionsBuilder<TOptions> BindCheckedConfiguration<TOptions>(this OptionsBuilder<TOptions> builder, string sectionPath)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        builder.Services.AddNamedCheckedBinding<TOptions>(n => n == name ? sectionPath : null);
        return builder;
    }

    /// <summary>Registers a <see cref="CheckedBinding{TOptions}"/> as the options' configuration and validation.</summary>
    internal static IServiceCollection AddNamedCheckedBinding<TOptions>(this IServiceCollection services, Func<string, string?> sectionOf)
        where TOptions : class
    {
        services.AddOptions();
        services.AddSingleton<IConfigureOptions<TOptions>>(sp => new CheckedBinding<TOptions>(sp.GetRequiredService<IConfiguration>(), sectionOf));
        services.AddSingleton<IValidateOptions<TOptions>>(sp => new CheckedBinding<TOptions>(sp.GetRequiredService<IConfiguration>(), sectionOf));
        return services;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Languru.Providers.Routing;

/// <summary>Binds a provider type's named options: the options named <c>x</c> come from <c>Languru:Providers:x</c>.</summary>
/// <typeparam name="TOptions">The provider type's options.</typeparam>
/// <param name="configuration">The application configuration.</param>
internal sealed class ProviderOptionsSetup<TOptions>(IConfiguration configuration) : IConfigureNamedOptions<TOptions>
    where TOptions : class
{
    public void Configure(string? name, TOptions options)
    {
        if (!string.IsNullOrEmpty(name))
        {
            configuration.GetSection($"{RoutingOptions.SectionName}:Providers:{name}").Bind(options);
        }
    }

    public void Configure(TOptions options) => Configure(Options.DefaultName, options);
}

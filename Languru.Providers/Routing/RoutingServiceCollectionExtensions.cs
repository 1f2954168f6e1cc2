using Languru.Providers.Configuration;
using Languru.Providers.Resilience;
using Languru.Providers.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Languru.Providers.Routing;

/// <summary>Registers model routing and the plumbing provider types share.</summary>
public static class RoutingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the model router, bound to the <c>Languru</c> section and validated at start-up (a misconfigured gateway
    /// refuses to start, listing every problem), and the in-memory <see cref="ICooldownStore"/> of its routes (register
    /// another store before this call to share cool-downs). Add provider types with their own <c>Add…Provider</c> calls.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddLanguruRouting(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RoutingOptions>().BindCheckedConfiguration(RoutingOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RoutingOptions>, RoutingOptionsValidator>());
        services.TryAddSingleton<ICooldownStore, InMemoryCooldownStore>();
        services.AddOptions<TelemetryOptions>().BindCheckedConfiguration(TelemetryOptions.SectionName).ValidateOnStart();
        services.TryAddSingleton<ProviderPipeline>();
        services.TryAddSingleton<ModelRouter>();
        services.TryAddSingleton<IModelRouter>(sp => sp.GetRequiredService<ModelRouter>());
        services.TryAddSingleton<IProviderRegistry>(sp => sp.GetRequiredService<ModelRouter>());
        return services;
    }

    /// <summary>
    /// Registers a provider type: its factory, and its options named after each provider (bound from
    /// <c>Languru:Providers:&lt;name&gt;</c> and checked with data annotations; values that do not convert are reported,
    /// not thrown).
    /// </summary>
    /// <typeparam name="TFactory">The provider type's factory.</typeparam>
    /// <typeparam name="TOptions">The provider type's options.</typeparam>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddChatProviderType<TFactory, TOptions>(this IServiceCollection services)
        where TFactory : class, IChatProviderFactory
        where TOptions : class
    {
        if (services.Any(d => d.ServiceType == typeof(IChatProviderFactory) && d.ImplementationType == typeof(TFactory)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IChatProviderFactory, TFactory>();
        return services.AddNamedCheckedBinding<TOptions>(name => name.Length == 0 ? null : $"{RoutingOptions.SectionName}:Providers:{name}");
    }

    /// <summary>
    /// Reads a provider's named options and returns their validation failures (each names its setting).
    /// For <see cref="IChatProviderFactory.Validate"/> implementations.
    /// </summary>
    /// <typeparam name="TOptions">The provider type's options.</typeparam>
    /// <param name="options">The options monitor.</param>
    /// <param name="name">The provider name.</param>
    /// <param name="value">The options, when they are valid.</param>
    /// <returns>The problems; empty when valid.</returns>
    public static IReadOnlyList<string> TryGetProviderOptions<TOptions>(this IOptionsMonitor<TOptions> options, string name, out TOptions? value)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            value = options.Get(name);
            return [];
        }
        catch (OptionsValidationException ex)
        {
            value = null;
            return [.. ex.Failures];
        }
    }
}

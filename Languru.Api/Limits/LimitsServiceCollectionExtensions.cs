namespace Languru.Api.Limits;

/// <summary>Registers <c>Languru:Limits</c>, checked at start-up.</summary>
internal static class LimitsServiceCollectionExtensions
{
    public static IServiceCollection AddLanguruLimits(this IServiceCollection services)
    {
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}

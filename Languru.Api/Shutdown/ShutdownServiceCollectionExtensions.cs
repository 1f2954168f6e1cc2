using Languru.Providers.Configuration;
using Microsoft.Extensions.Options;

namespace Languru.Api.Shutdown;

/// <summary>Registers the orderly stop: <c>Languru:Shutdown</c>, the drain, the deadline.</summary>
internal static class ShutdownServiceCollectionExtensions
{
    public static IServiceCollection AddLanguruShutdown(this IServiceCollection services)
    {
        services.AddOptions<ShutdownOptions>().BindCheckedConfiguration(ShutdownOptions.Section).ValidateOnStart();

        // shutdownTimeoutSeconds is what work in flight gets after the drain; the host must wait for both. HostOptions
        // are read while the host is built: invalid settings are left to the start-up check, which lists them all.
        services.AddOptions<HostOptions>().PostConfigure<IOptions<ShutdownOptions>>((host, shutdown) =>
        {
            try
            {
                host.ShutdownTimeout = GracefulShutdown.HostTimeout(host.ShutdownTimeout, shutdown.Value.DrainDelay);
            }
            catch (OptionsValidationException)
            {
            }
        });
        services.AddSingleton<GracefulShutdown>();
        services.AddHostedService(sp => sp.GetRequiredService<GracefulShutdown>());
        return services;
    }

    /// <summary>Requests running when the shutdown deadline passes end with <c>server_shutting_down</c>.</summary>
    public static IApplicationBuilder UseShutdownDeadline(this IApplicationBuilder app) =>
        app.UseMiddleware<ShutdownDeadlineMiddleware>();
}

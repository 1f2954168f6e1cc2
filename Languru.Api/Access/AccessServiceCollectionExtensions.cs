using Languru.Providers.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Languru.Api.Access;

/// <summary>Registers and wires access control: API-key authentication, the default policy, open mode's guard.</summary>
internal static class AccessServiceCollectionExtensions
{
    public static IServiceCollection AddLanguruAccess(this IServiceCollection services)
    {
        services.AddOptions<AccessOptions>().BindCheckedConfiguration(AccessOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>());
        services.TryAddSingleton<ApiKeyTable>();
        services.AddHostedService<OpenModeWarning>();
        // The handler is an IAuthenticationHandler of its own (see its remarks), so the scheme is added by its type and
        // the handler registered as a transient: the framework resolves one per request that authenticates.
        services.AddAuthentication(options =>
        {
            options.DefaultScheme = ApiKeyDefaults.AuthenticationScheme;
            options.AddScheme<ApiKeyAuthenticationHandler>(ApiKeyDefaults.AuthenticationScheme, displayName: null);
        });
        services.TryAddTransient<ApiKeyAuthenticationHandler>();

        // The default policy: what MapControllers().RequireAuthorization() (and a bare [Authorize]) ask for. It names no
        // scheme: the authentication middleware has already run the API-key scheme (the default one), and a policy
        // that names it authenticates again and merges the result into a new principal on every request.
        services.AddAuthorizationBuilder().SetDefaultPolicy(new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .Build());
        return services;
    }

    /// <summary>Open mode's guard; goes before everything that answers requests.</summary>
    public static IApplicationBuilder UseOpenModeGuard(this IApplicationBuilder app) => app.UseMiddleware<OpenModeGuard>();
}

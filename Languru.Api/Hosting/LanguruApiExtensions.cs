using FluentValidation;
using Languru.Api.Access;
using Languru.Api.Browsers;
using Languru.Api.Errors;
using Languru.Api.Health;
using Languru.Api.Limits;
using Languru.Api.OpenApi;
using Languru.Api.Redis;
using Languru.Api.Responses;
using Languru.Api.Shutdown;
using Languru.Api.Telemetry;
using Languru.Api.Validation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Languru.Api.Hosting;

/// <summary>Registers and wires the HTTP API: controllers, JSON, validation, errors, health, orderly shutdown.</summary>
internal static class LanguruApiExtensions
{
    public static IServiceCollection AddLanguruApi(this IServiceCollection services, IConfiguration configuration)
    {
        // Kestrel:Limits (e.g. MaxRequestBodySize) from configuration, as the ASP.NET Core docs prescribe.
        services.Configure<KestrelServerOptions>(configuration.GetSection("Kestrel"));
        services.AddControllers(o =>
            {
                o.ModelMetadataDetailsProviders.Add(new WireTypesSkipObjectValidation());

                // No implicit [Required] on non-nullable parameters: it made MVC run a DataAnnotations validator on
                // every bound body (the validators check the body; an empty one is refused by the body binder).
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;

                // No action binds a form: without these, MVC does not parse every request's Content-Type three more
                // times to offer form values nobody reads.
                o.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
                o.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
                o.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
            })
            .AddJsonOptions(o => WireJson.Configure(o.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(o =>
            {
                o.InvalidModelStateResponseFactory = ModelStateErrors.ToResult;

                // Bare 4xx results (415 …) get the OpenAI envelope from the status-code pages, not ProblemDetails.
                o.SuppressMapClientErrors = true;
            });
        services.ConfigureHttpJsonOptions(o => WireJson.Configure(o.SerializerOptions));
        // Every validator in this assembly, as IValidator<T> (validators are stateless: one instance each).
        services.AddValidatorsFromAssemblyContaining<ChatCompletionRequestValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddLanguruResponses();
        services.AddExceptionHandler<OpenAIExceptionHandler>();
        services.AddLanguruHealthChecks();
        services.AddLanguruShutdown();
        services.AddLanguruOpenApi();
        services.AddLanguruAccess();
        services.AddLanguruLimits();
        services.AddLanguruRedis(configuration);
        services.AddLanguruTelemetry(configuration);
        services.AddHostedService<StartupSummary>();
        services.AddLanguruBrowsers();
        return services;
    }

    public static WebApplication UseLanguruApi(this WebApplication app)
    {
        app.UseRequestIds();
        app.UseLanguruRequestTelemetry();
        app.UseSecurityHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // OpenAIExceptionHandler handles every exception; this only runs if it ever declines one.
            ExceptionHandler = context => ErrorWriter.WriteAsync(
                context, ExceptionErrors.From(new InvalidOperationException("Unhandled."), context.TraceIdentifier), context.RequestAborted),
        });
        app.UseStatusCodePages(StatusCodeErrors.WriteAsync);
        app.UseShutdownDeadline();
        app.UseOpenModeGuard();
        app.UseLanguruOpenApi();
        app.UseRouting();
        app.UseLanguruCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapLanguruHealthChecks();
        app.MapLanguruMetrics(app.Configuration);

        // Every controller needs a key (when keys are configured); /health*, /metrics, /docs and /openapi are not controllers.
        app.MapControllers().RequireAuthorization();
        return app;
    }
}

using Languru.Api.Browsers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Languru.Api.OpenApi;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>, OpenAPI 3.0) and Swagger UI at <c>/docs</c> (<c>/</c> redirects there).</summary>
internal static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddLanguruOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;

            // "Any JSON" fields are described inline, not as components a generator would turn into a class.
            o.CreateSchemaReferenceId = info =>
                UnionSchemaTransformer.InlineTypes.Contains(Nullable.GetUnderlyingType(info.Type) ?? info.Type)
                    ? null
                    : OpenApiOptions.CreateDefaultSchemaReferenceId(info);
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Languru",
                    Version = "v1",
                    Description = "An OpenAI-compatible LLM gateway. Send OpenAI chat-completion, Responses API or embedding requests; Languru routes `model` " +
                        "to a provider (OpenAI or a compatible server, Ollama, or the built-in `echo`) and answers as JSON or " +
                        "server-sent events. Errors use OpenAI's envelope `{\"error\":{\"message\",\"type\",\"param\",\"code\"}}`.",
                };
                return Task.CompletedTask;
            });
            o.AddDocumentTransformer<BearerSecurityTransformer>();
            o.AddSchemaTransformer<UnionSchemaTransformer>();
            o.AddOperationTransformer<ChatCompletionOperationTransformer>();
            o.AddOperationTransformer<EmbeddingOperationTransformer>();
            o.AddOperationTransformer<ResponseOperationTransformer>();
        });

    public static WebApplication UseLanguruOpenApi(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DocsOptions>>().Value.Enabled)
        {
            return app;
        }

        app.MapOpenApi("/openapi/{documentName}.json");
        // Swagger UI's middleware (its own static-file server) only sees /docs requests, not every API call.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase),
            docs => docs.UseSwaggerUI(o =>
            {
                o.RoutePrefix = "docs";
                o.SwaggerEndpoint(DocumentPath, "Languru v1");
                o.DocumentTitle = "Languru API";
            }));

        // The root has nothing of its own: send whoever opens it (a browser, usually) to the docs. A 302 rather than
        // a 301, so that no cache keeps it; other unknown paths still get the JSON 404.
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], (HttpRequest request) => Results.Redirect($"{request.PathBase}/docs"))
            .ExcludeFromDescription();
        return app;
    }
}

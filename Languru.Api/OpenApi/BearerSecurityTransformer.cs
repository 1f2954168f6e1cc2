using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Languru.Api.OpenApi;

/// <summary>
/// Declares the API-key scheme (HTTP bearer) for the whole document, so that Swagger UI offers "Authorize" and
/// generated clients know the key goes in <c>Authorization: Bearer</c>.
/// </summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key configured under Languru:Keys (or LANGURU_API_KEYS), sent as 'Authorization: Bearer <key>' " +
                "(or 'x-api-key: <key>'). A gateway with no keys configured needs none.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
        return Task.CompletedTask;
    }
}

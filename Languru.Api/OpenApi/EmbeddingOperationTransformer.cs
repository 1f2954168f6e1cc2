using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Languru.Api.OpenApi;

/// <summary>Completes <c>CreateEmbedding</c>: a request example that works as-is in Swagger UI's "Try it out", and JSON as the only request type.</summary>
internal sealed class EmbeddingOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId != "CreateEmbedding" || operation.RequestBody is not OpenApiRequestBody body)
        {
            return Task.CompletedTask;
        }

        body.Description = "The embedding request. `input` is a string, an array of strings, an array of token ids, or an array of token-id arrays.";
        var json = body.Content!["application/json"];
        body.Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = json };
        json.Example = new JsonObject { ["model"] = "default", ["input"] = "The quick brown fox jumped over the lazy dog" };
        return Task.CompletedTask;
    }
}

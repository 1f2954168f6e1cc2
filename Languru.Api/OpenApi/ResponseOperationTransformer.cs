using System.Text.Json.Nodes;
using Languru.Contracts.Responses;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Languru.Api.OpenApi;

/// <summary>
/// Completes <c>CreateResponse</c> as <see cref="ChatCompletionOperationTransformer"/> completes chat: a working
/// example, JSON as the only request type, and the <c>text/event-stream</c> answer of <c>stream: true</c>.
/// </summary>
internal sealed class ResponseOperationTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId != "CreateResponse" || operation.RequestBody is not OpenApiRequestBody body)
        {
            return;
        }

        body.Description = "The response request (OpenAI's `CreateResponse`). `input` is a string or a list of items.";
        var json = body.Content!["application/json"];
        body.Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = json };
        json.Example = new JsonObject { ["model"] = "default", ["input"] = "Hello! Tell me a joke." };

        var document = context.Document!;
        await OpenApiComponents.AddAsync(document, typeof(ResponseStreamEvent), () => context.GetOrCreateSchemaAsync(typeof(ResponseStreamEvent), null, cancellationToken));
        var ok = (OpenApiResponse)operation.Responses!["200"];
        ok.Description = "A `response`; with `\"stream\": true`, server-sent events (`event: {type}` and `data: {event}`), ending with " +
            "exactly one of `response.completed`, `response.incomplete` or `response.failed`.";
        ok.Content!["text/event-stream"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(nameof(ResponseStreamEvent), document) };
    }
}

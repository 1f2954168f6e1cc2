using System.Text.Json.Nodes;
using Languru.Contracts.Chat;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Languru.Api.OpenApi;

/// <summary>
/// Completes <c>CreateChatCompletion</c>: a request example that works as-is in Swagger UI's "Try it out", the request
/// body's description, JSON as the only request type, and the <c>text/event-stream</c> answer of <c>stream: true</c>.
/// </summary>
internal sealed class ChatCompletionOperationTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId != "CreateChatCompletion" || operation.RequestBody is not OpenApiRequestBody body)
        {
            return;
        }

        body.Description = "The chat completion request. `prompt` may replace `messages` for a single user message.";
        var json = body.Content!["application/json"];
        body.Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = json };
        json.Example = new JsonObject
        {
            ["model"] = "default",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello! Tell me a joke." }),
        };

        // Registered as a component by hand: a schema created in an operation transformer would be inlined.
        var document = context.Document!;
        await OpenApiComponents.AddAsync(document, typeof(ChatCompletionChunk), () => context.GetOrCreateSchemaAsync(typeof(ChatCompletionChunk), null, cancellationToken));

        var ok = (OpenApiResponse)operation.Responses!["200"];
        ok.Description = "A `chat.completion`; with `\"stream\": true`, server-sent events: one `data: {chat.completion.chunk}` " +
            "line per event, then `data: [DONE]`. An error after the stream started arrives as `data: {\"error\":{…}}`.";
        ok.Content!["text/event-stream"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchemaReference(nameof(ChatCompletionChunk), document),
        };
    }
}

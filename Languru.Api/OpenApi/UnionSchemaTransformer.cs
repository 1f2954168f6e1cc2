using Languru.Contracts.Chat;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Languru.Api.OpenApi;

/// <summary>
/// Describes the union fields, which have custom JSON converters and so no schema of their own:
/// <c>content</c> (a string or content parts), <c>stop</c> (a string or strings) and <c>tool_choice</c> (a mode or a
/// named function), each as a <c>oneOf</c> so that generated clients can send every form.
/// </summary>
internal sealed class UnionSchemaTransformer : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(MessageContent))
        {
            var part = await ComponentAsync<ContentPart>(context, cancellationToken);
            schema.OneOf = [String(), new OpenApiSchema { Type = JsonSchemaType.Array, Items = part, MinItems = 1 }];
        }
        else if (type == typeof(StopSequences))
        {
            schema.OneOf = [String(), new OpenApiSchema { Type = JsonSchemaType.Array, Items = String(), MaxItems = 4 }];
        }
        else if (type == typeof(ToolChoice))
        {
            var named = await ComponentAsync<NamedToolChoice>(context, cancellationToken);
            var mode = String();
            mode.Enum = [ToolChoice.None, ToolChoice.Auto, ToolChoice.Required];
            schema.OneOf = [mode, named];
        }
    }

    private static OpenApiSchema String() => new() { Type = JsonSchemaType.String };

    /// <summary><typeparamref name="T"/>'s schema; the generator turns it into a component reference.</summary>
    private static Task<OpenApiSchema> ComponentAsync<T>(OpenApiSchemaTransformerContext context, CancellationToken cancellationToken) =>
        context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
}

using Languru.Contracts.Chat;
using Languru.Contracts.Embeddings;
using Languru.Contracts.Responses;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Languru.Api.OpenApi;

/// <summary>
/// Describes the union fields, which have custom JSON converters and so no schema of their own: <c>content</c> (a string
/// or content parts), <c>stop</c> (a string or strings), <c>tool_choice</c> (a mode or a named function), the Responses API's
/// <c>input</c> (a string or items) and item <c>content</c>/<c>output</c> (a string or parts), and an embedding
/// request's <c>input</c> (a string, strings, token ids or arrays of token ids). Code
/// generators turn a <c>oneOf</c> into its first branch (NSwag makes <c>content</c> a string, so parts could not be
/// sent), so each is "any JSON", its forms in its description: generated clients get <c>object</c>/<c>any</c>, which
/// can send every form. The part types (<see cref="ContentPart"/>, <see cref="NamedToolChoice"/>) stay components, so
/// clients get classes to build them with. An embedding's vector is described as OpenAI's document describes it, an
/// array of floats (the default <c>encoding_format</c>; with <c>base64</c> it is a string, as its description says).
/// </summary>
internal sealed class UnionSchemaTransformer : IOpenApiSchemaTransformer
{
    /// <summary>Types documented inline as "any JSON" rather than as components (see <see cref="OpenApiSetup"/>).</summary>
    public static readonly HashSet<Type> AnyJsonTypes = [typeof(System.Text.Json.JsonElement), typeof(MessageContent), typeof(StopSequences), typeof(ToolChoice),
        typeof(ResponseInput), typeof(ResponseContent), typeof(ResponseToolChoice), typeof(EmbeddingInput)];

    /// <summary>Types described inline rather than as components.</summary>
    public static readonly HashSet<Type> InlineTypes = [.. AnyJsonTypes, typeof(EmbeddingVector)];

    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(EmbeddingVector))
        {
            schema.Type = JsonSchemaType.Array;
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.Number, Format = "float" };
            schema.Properties = null;
            return;
        }

        if (!AnyJsonTypes.Contains(type))
        {
            return;
        }

        schema.Type = null;
        schema.OneOf = null;
        schema.Properties = null;
        if (type == typeof(MessageContent))
        {
            await AddComponentAsync<ContentPart>(context, cancellationToken);
        }
        else if (type == typeof(ToolChoice))
        {
            await AddComponentAsync<NamedToolChoice>(context, cancellationToken);
        }
        else if (type == typeof(ResponseInput))
        {
            await AddComponentAsync<ResponseItem>(context, cancellationToken);
        }
        else if (type == typeof(ResponseContent))
        {
            await AddComponentAsync<ResponseContentPart>(context, cancellationToken);
        }
        else if (type == typeof(ResponseToolChoice))
        {
            await AddComponentAsync<ResponseNamedToolChoice>(context, cancellationToken);
        }
    }

    private static Task AddComponentAsync<T>(OpenApiSchemaTransformerContext context, CancellationToken cancellationToken) =>
        OpenApiComponents.AddAsync(context.Document!, typeof(T), () => context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken));
}

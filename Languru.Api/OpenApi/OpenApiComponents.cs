using Microsoft.OpenApi;

namespace Languru.Api.OpenApi;

/// <summary>
/// Adds a type's schema to the document's components by hand, with its nested types as references to components of
/// their own, as the generator does for schemas it reaches from an operation. (A component added by hand is not
/// walked by the generator, so its nested types would otherwise stay inline, and code generators would invent
/// anonymous classes for them.)
/// </summary>
internal static class OpenApiComponents
{
    private const string SchemaIdKey = "x-schema-id";

    public static async Task AddAsync(OpenApiDocument document, Type type, Func<Task<OpenApiSchema>> createSchema)
    {
        if (document.Components?.Schemas?.ContainsKey(type.Name) != true)
        {
            document.AddComponent(type.Name, Componentize(await createSchema(), document));
        }
    }

    private static OpenApiSchema Componentize(OpenApiSchema schema, OpenApiDocument document)
    {
        foreach (var (name, property) in schema.Properties?.ToArray() ?? [])
        {
            schema.Properties![name] = Reference(property, document);
        }

        if (schema.Items is { } items)
        {
            schema.Items = Reference(items, document);
        }

        return schema;
    }

    private static IOpenApiSchema Reference(IOpenApiSchema schema, OpenApiDocument document)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return schema;
        }

        if (concrete.Metadata?.TryGetValue(SchemaIdKey, out var id) == true && id is string name && concrete.Type?.HasFlag(JsonSchemaType.Object) == true)
        {
            if (document.Components?.Schemas?.ContainsKey(name) != true)
            {
                document.AddComponent(name, Componentize(concrete, document));
            }

            return new OpenApiSchemaReference(name, document);
        }

        return Componentize(concrete, document);
    }
}

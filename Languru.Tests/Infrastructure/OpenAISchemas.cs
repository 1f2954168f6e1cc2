extern alias JsonSchemaNet;

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using JsonSchemaNet::Json.Schema;

namespace Languru.Tests.Infrastructure;

/// <summary>
/// Validates JSON against the schemas of OpenAI's OpenAPI document: the component schemas the tests need, extracted
/// from shared/reference/openai-openapi.yaml into Contracts/Schemas/openai-schemas.json (see extract.py there).
/// </summary>
public static class OpenAISchemas
{
    private static readonly Lazy<JsonNode> Definitions = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", "Schemas", "openai-schemas.json")))!["$defs"]!);

    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new(StringComparer.Ordinal);

    /// <summary>Asserts that <paramref name="json"/> is valid against the component schema <paramref name="name"/>.</summary>
    public static void AssertValid(string name, string json)
    {
        var schema = Schemas.GetOrAdd(name, Build);
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = result.Details?
            .Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation} ({d.EvaluationPath}): {string.Join("; ", d.Errors!.Values)}")
            .Take(12) ?? [];
        Assert.That(result.IsValid, Is.True, $"not a valid {name}: {json}\n{string.Join("\n", errors)}");
    }

    private static JsonSchema Build(string name)
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://languru.test/openai/{name}",
            ["$defs"] = Definitions.Value.DeepClone(),
            ["$ref"] = $"#/$defs/{name}",
        };
        using var document = JsonDocument.Parse(root.ToJsonString());
        return JsonSchema.Build(document.RootElement.Clone(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }
}

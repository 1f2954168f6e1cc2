using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Languru.Providers.Chat;

/// <summary>
/// A function tool declared by the client: name, description, the parameter schema as raw JSON, and OpenAI's
/// <c>strict</c> flag (which <see cref="AIFunctionFactory.CreateDeclaration"/> cannot carry).
/// </summary>
public sealed class FunctionToolDeclaration : AIFunctionDeclaration
{
    private static readonly JsonElement EmptyObjectSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement;

    /// <summary>Creates the declaration.</summary>
    /// <param name="name">The function name.</param>
    /// <param name="description">What the function does.</param>
    /// <param name="parameters">The parameter schema; an empty object schema when null.</param>
    /// <param name="strict">Whether the upstream must follow the schema exactly.</param>
    public FunctionToolDeclaration(string name, string? description, JsonElement? parameters, bool? strict)
    {
        Name = name;
        Description = description ?? "";
        JsonSchema = parameters ?? EmptyObjectSchema;
        Strict = strict;
        HasParameters = parameters is not null;
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override string Description { get; }

    /// <inheritdoc />
    public override JsonElement JsonSchema { get; }

    /// <summary>OpenAI's <c>strict</c>, when the client sent it.</summary>
    public bool? Strict { get; }

    /// <summary>Whether the client sent <c>parameters</c> (OpenAI allows leaving it out).</summary>
    public bool HasParameters { get; }
}

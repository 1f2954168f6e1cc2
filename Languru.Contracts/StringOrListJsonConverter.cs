using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Languru.Contracts;

/// <summary>
/// Reads and writes a union that OpenAI sends either as a string or as an array (content, input, output), keeping
/// the form the client sent.
/// </summary>
/// <typeparam name="TUnion">The union type.</typeparam>
/// <typeparam name="TItem">The array's element type.</typeparam>
public abstract class StringOrListJsonConverter<TUnion, TItem> : JsonConverter<TUnion>
    where TUnion : class
{
    /// <summary>What the value must be, for the error message.</summary>
    protected abstract string Expected { get; }

    /// <inheritdoc />
    public override TUnion Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => FromText(reader.GetString()!),
        JsonTokenType.StartArray => FromList(JsonSerializer.Deserialize(ref reader, ListTypeInfo(options)) ?? []),
        _ => throw new JsonException($"expected {Expected}"),
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TUnion value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (TextOf(value) is { } text)
        {
            writer.WriteStringValue(text);
        }
        else
        {
            JsonSerializer.Serialize(writer, ListOf(value) ?? [], ListTypeInfo(options));
        }
    }

    /// <summary>Creates the union from a string.</summary>
    /// <param name="text">The string.</param>
    /// <returns>The union.</returns>
    protected abstract TUnion FromText(string text);

    /// <summary>Creates the union from an array.</summary>
    /// <param name="items">The elements.</param>
    /// <returns>The union.</returns>
    protected abstract TUnion FromList(IReadOnlyList<TItem> items);

    /// <summary>The string, when the union holds one.</summary>
    /// <param name="value">The union.</param>
    /// <returns>The string, or null.</returns>
    protected abstract string? TextOf(TUnion value);

    /// <summary>The elements, when the union holds an array.</summary>
    /// <param name="value">The union.</param>
    /// <returns>The elements, or null.</returns>
    protected abstract IReadOnlyList<TItem>? ListOf(TUnion value);

    private static JsonTypeInfo<IReadOnlyList<TItem>> ListTypeInfo(JsonSerializerOptions options) =>
        (JsonTypeInfo<IReadOnlyList<TItem>>)options.GetTypeInfo(typeof(IReadOnlyList<TItem>));
}

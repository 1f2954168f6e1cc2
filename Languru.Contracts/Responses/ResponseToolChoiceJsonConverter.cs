using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Languru.Contracts.Responses;

/// <summary>Reads and writes <see cref="ResponseToolChoice"/> as a string or a <see cref="ResponseNamedToolChoice"/>.</summary>
public sealed class ResponseToolChoiceJsonConverter : JsonConverter<ResponseToolChoice>
{
    /// <inheritdoc />
    public override ResponseToolChoice Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => new ResponseToolChoice(reader.GetString()!),
        JsonTokenType.StartObject => new ResponseToolChoice(JsonSerializer.Deserialize(ref reader, NamedTypeInfo(options))!),
        _ => throw new JsonException("expected a string or a tool choice object"),
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ResponseToolChoice value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Mode is not null)
        {
            writer.WriteStringValue(value.Mode);
        }
        else
        {
            JsonSerializer.Serialize(writer, value.Named!, NamedTypeInfo(options));
        }
    }

    private static JsonTypeInfo<ResponseNamedToolChoice> NamedTypeInfo(JsonSerializerOptions options) =>
        (JsonTypeInfo<ResponseNamedToolChoice>)options.GetTypeInfo(typeof(ResponseNamedToolChoice));
}

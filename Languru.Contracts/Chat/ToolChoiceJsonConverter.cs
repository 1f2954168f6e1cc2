using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Languru.Contracts.Chat;

/// <summary>Reads and writes <see cref="ToolChoice"/> as a mode string or a named-function object.</summary>
public sealed class ToolChoiceJsonConverter : JsonConverter<ToolChoice>
{
    /// <inheritdoc />
    public override ToolChoice Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return ToolChoice.FromMode(reader.GetString()!);
            case JsonTokenType.StartObject:
                var named = JsonSerializer.Deserialize(ref reader, NamedTypeInfo(options));
                return ToolChoice.FromNamed(named!);
            default:
                throw new JsonException("expected \"none\", \"auto\", \"required\" or a {\"type\":\"function\",…} object");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ToolChoice value, JsonSerializerOptions options)
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

    private static JsonTypeInfo<NamedToolChoice> NamedTypeInfo(JsonSerializerOptions options) =>
        (JsonTypeInfo<NamedToolChoice>)options.GetTypeInfo(typeof(NamedToolChoice));
}

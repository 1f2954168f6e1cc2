using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Languru.Contracts.Chat;

/// <summary>Reads and writes <see cref="MessageContent"/> as a JSON string or an array of content parts.</summary>
public sealed class MessageContentJsonConverter : JsonConverter<MessageContent>
{
    /// <inheritdoc />
    public override MessageContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new MessageContent(reader.GetString()!);
            case JsonTokenType.StartArray:
                var parts = JsonSerializer.Deserialize(ref reader, PartsTypeInfo(options));
                return new MessageContent(parts ?? []);
            default:
                throw new JsonException("expected a string or an array of content parts");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Text is not null)
        {
            writer.WriteStringValue(value.Text);
        }
        else
        {
            JsonSerializer.Serialize(writer, value.Parts ?? [], PartsTypeInfo(options));
        }
    }

    private static JsonTypeInfo<IReadOnlyList<ContentPart>> PartsTypeInfo(JsonSerializerOptions options) =>
        (JsonTypeInfo<IReadOnlyList<ContentPart>>)options.GetTypeInfo(typeof(IReadOnlyList<ContentPart>));
}

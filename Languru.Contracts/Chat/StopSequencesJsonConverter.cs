using System.Text.Json;
using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>Reads and writes <see cref="StopSequences"/> as a string or an array of strings.</summary>
public sealed class StopSequencesJsonConverter : JsonConverter<StopSequences>
{
    /// <inheritdoc />
    public override StopSequences Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new StopSequences([reader.GetString()!], sentAsString: true);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("expected a string or an array of strings");
        }

        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("expected a string or an array of strings");
            }

            values.Add(reader.GetString()!);
        }

        return new StopSequences(values);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, StopSequences value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.SentAsString && value.Values.Count == 1)
        {
            writer.WriteStringValue(value.Values[0]);
            return;
        }

        writer.WriteStartArray();
        foreach (var item in value.Values)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}

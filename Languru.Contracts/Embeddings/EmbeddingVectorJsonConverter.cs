using System.Text.Json;
using System.Text.Json.Serialization;

namespace Languru.Contracts.Embeddings;

/// <summary>Reads and writes <see cref="EmbeddingVector"/> as an array of numbers or a base64 string.</summary>
public sealed class EmbeddingVectorJsonConverter : JsonConverter<EmbeddingVector>
{
    /// <inheritdoc />
    public override EmbeddingVector Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            try
            {
                return EmbeddingVector.FromBase64(reader.GetString()!);
            }
            catch (FormatException ex)
            {
                throw new JsonException("expected base64 of little-endian float32 values", ex);
            }
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("expected an array of numbers or a base64 string");
        }

        var values = new List<float>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.TokenType == JsonTokenType.Number ? reader.GetSingle() : throw new JsonException("expected an array of numbers or a base64 string"));
        }

        return new EmbeddingVector(values.ToArray());
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, EmbeddingVector value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.IsBase64)
        {
            writer.WriteStringValue(value.ToBase64());
            return;
        }

        writer.WriteStartArray();
        foreach (var component in value.Values.Span)
        {
            writer.WriteNumberValue(component);
        }

        writer.WriteEndArray();
    }
}

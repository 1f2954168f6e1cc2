using System.Text.Json;
using System.Text.Json.Serialization;

namespace Languru.Contracts.Embeddings;

/// <summary>
/// Reads and writes <see cref="EmbeddingInput"/> in its four forms. The first element of an array decides its form;
/// an element of another type, a <c>null</c>, or a number that is not a 32-bit integer is refused (the API answers 400
/// naming <c>input</c>). An empty array reads as an empty array of strings, for the validator to refuse.
/// </summary>
public sealed class EmbeddingInputJsonConverter : JsonConverter<EmbeddingInput>
{
    private const string Expected = "expected a string, an array of strings, an array of integers, or an array of arrays of integers";

    /// <inheritdoc />
    public override EmbeddingInput Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return EmbeddingInput.FromText(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException(Expected);
        }

        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.EndArray:
                return EmbeddingInput.FromTexts([]);
            case JsonTokenType.String:
                var texts = new List<string>();
                do
                {
                    texts.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException(Expected));
                }
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
                return EmbeddingInput.FromTexts(texts);
            case JsonTokenType.Number:
                return EmbeddingInput.FromTokenIds(ReadIds(ref reader));
            case JsonTokenType.StartArray:
                var arrays = new List<int[]>();
                do
                {
                    arrays.Add(reader.TokenType == JsonTokenType.StartArray && reader.Read() ? ReadIds(ref reader) : throw new JsonException(Expected));
                }
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
                return EmbeddingInput.FromTokenIdArrays(arrays);
            default:
                throw new JsonException(Expected);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, EmbeddingInput value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Form)
        {
            case EmbeddingInputForm.Text:
                writer.WriteStringValue(value.Texts![0]);
                break;
            case EmbeddingInputForm.Texts:
                writer.WriteStartArray();
                foreach (var text in value.Texts!)
                {
                    writer.WriteStringValue(text);
                }

                writer.WriteEndArray();
                break;
            case EmbeddingInputForm.TokenIds:
                WriteIds(writer, value.TokenIds![0]);
                break;
            default:
                writer.WriteStartArray();
                foreach (var ids in value.TokenIds!)
                {
                    WriteIds(writer, ids);
                }

                writer.WriteEndArray();
                break;
        }
    }

    /// <summary>Reads integers up to the end of the array the reader is in (positioned on its first element or its end).</summary>
    private static int[] ReadIds(ref Utf8JsonReader reader)
    {
        var ids = new List<int>();
        while (reader.TokenType != JsonTokenType.EndArray)
        {
            ids.Add(reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var id) ? id : throw new JsonException(Expected));
            reader.Read();
        }

        return [.. ids];
    }

    private static void WriteIds(Utf8JsonWriter writer, int[] ids)
    {
        writer.WriteStartArray();
        foreach (var id in ids)
        {
            writer.WriteNumberValue(id);
        }

        writer.WriteEndArray();
    }
}

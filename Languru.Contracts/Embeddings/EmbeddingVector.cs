using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Languru.Contracts.Embeddings;

/// <summary>
/// An embedding's vector and how it is written: as an array of numbers (<c>float</c>) or as a base64 string of its
/// little-endian IEEE 754 float32 bytes (<c>base64</c>), exactly as OpenAI encodes it.
/// </summary>
[JsonConverter(typeof(EmbeddingVectorJsonConverter))]
public sealed class EmbeddingVector
{
    /// <summary>Creates a vector.</summary>
    /// <param name="values">The components.</param>
    /// <param name="base64">Whether it is written as base64.</param>
    public EmbeddingVector(ReadOnlyMemory<float> values, bool base64 = false)
    {
        Values = values;
        IsBase64 = base64;
    }

    /// <summary>The components.</summary>
    public ReadOnlyMemory<float> Values { get; }

    /// <summary>Whether the vector is written as base64 rather than as an array of numbers.</summary>
    public bool IsBase64 { get; }

    /// <summary>The base64 of the components' little-endian float32 bytes.</summary>
    /// <returns>The base64 text.</returns>
    public string ToBase64()
    {
        var span = Values.Span;
        if (BitConverter.IsLittleEndian)
        {
            return Convert.ToBase64String(MemoryMarshal.AsBytes(span));
        }

        var bytes = new byte[span.Length * sizeof(float)];
        for (var i = 0; i < span.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), span[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Reads a base64 vector (little-endian float32 bytes).</summary>
    /// <param name="base64">The base64 text.</param>
    /// <returns>The vector, marked as base64.</returns>
    /// <exception cref="FormatException">The text is not base64 of a whole number of float32 values.</exception>
    public static EmbeddingVector FromBase64(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new FormatException("A base64 embedding must hold a whole number of float32 values.");
        }

        var values = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }

        return new EmbeddingVector(values, base64: true);
    }
}

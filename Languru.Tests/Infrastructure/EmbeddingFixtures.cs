using System.Globalization;
using System.Runtime.InteropServices;

namespace Languru.Tests.Infrastructure;

/// <summary>
/// Embedding answers in the exact wire formats: OpenAI's <c>CreateEmbeddingResponse</c> (floats, or base64 of
/// little-endian float32, as OpenAI sends it when asked) and Ollama's <c>/api/embed</c> answer.
/// </summary>
public static class EmbeddingFixtures
{
    /// <summary>Two vectors with components that are not round in binary, so that any lossy step shows.</summary>
    public static readonly float[][] Vectors =
    [
        [0.0023064255f, -0.009327292f, 0.015797347f, -0.0028842222f],
        [-0.5f, 0.25f, 0.125f, 0.8164966f],
    ];

    public static string Base64(float[] vector) => Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()));

    public static string Floats(float[] vector) => "[" + string.Join(",", vector.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";

    /// <summary>OpenAI's answer for <paramref name="vectors"/>, each as floats or as base64.</summary>
    public static string OpenAIAnswer(IReadOnlyList<float[]> vectors, bool base64, string model = "text-embedding-3-small", int promptTokens = 8)
    {
        var data = vectors.Select((v, i) =>
            $$"""{"object":"embedding","index":{{i}},"embedding":{{(base64 ? $"\"{Base64(v)}\"" : Floats(v))}}}""");
        return $$$"""{"object":"list","data":[{{{string.Join(",", data)}}}],"model":"{{{model}}}","usage":{"prompt_tokens":{{{promptTokens}}},"total_tokens":{{{promptTokens}}}}}""";
    }

    /// <summary>Ollama's <c>/api/embed</c> answer for <paramref name="vectors"/>.</summary>
    public static string OllamaAnswer(IReadOnlyList<float[]> vectors, string model = "nomic-embed-text", int promptTokens = 6) =>
        $$"""{"model":"{{model}}","embeddings":[{{string.Join(",", vectors.Select(Floats))}}],"total_duration":14143917,"load_duration":1019500,"prompt_eval_count":{{promptTokens}}}""";

    /// <summary>Decodes a base64 embedding as OpenAI's clients do: little-endian float32.</summary>
    public static float[] DecodeBase64(string base64) => MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(base64)).ToArray();

    /// <summary>The dot product (the cosine similarity of unit vectors).</summary>
    public static double Dot(ReadOnlyMemory<float> a, ReadOnlyMemory<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a.Span[i] * (double)b.Span[i];
        }

        return sum;
    }
}

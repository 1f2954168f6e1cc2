using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Languru.Providers.Echo;

/// <summary>
/// The echo provider's embedding of a text: deterministic, of unit length, and derived from the text's words, so that
/// texts sharing words are similar (a positive cosine) and equal texts are equal. The algorithm (feature hashing):
/// <list type="number">
/// <item>The features are the text's whitespace-separated words, lower-cased (invariant culture); a text without words
/// has one feature, the text itself. For token-id inputs, each id (in decimal) is a feature.</item>
/// <item>Each feature is hashed with SHA-256 over its UTF-8 bytes; each of the eight little-endian 32-bit words
/// <c>h</c> of the hash adds <c>+1</c> (when <c>h</c> is even) or <c>-1</c> (when odd) to component
/// <c>(h &gt;&gt; 1) mod dimensions</c>.</item>
/// <item>The vector is divided by its Euclidean length; a vector whose contributions all cancelled out becomes
/// <c>[1, 0, 0, …]</c>.</item>
/// </list>
/// </summary>
internal static class EchoEmbedding
{
    private const int HashWords = SHA256.HashSizeInBytes / sizeof(uint);

    public static float[] Embed(string text, int dimensions)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return Embed(words.Length > 0 ? words.Select(w => w.ToLowerInvariant()) : [text], dimensions);
    }

    public static float[] Embed(IReadOnlyList<int> tokenIds, int dimensions) =>
        Embed(tokenIds.Select(id => id.ToString(CultureInfo.InvariantCulture)), dimensions);

    private static float[] Embed(IEnumerable<string> features, int dimensions)
    {
        var sums = new double[dimensions];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        foreach (var feature in features)
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(feature), hash);
            for (var i = 0; i < HashWords; i++)
            {
                var h = BinaryPrimitives.ReadUInt32LittleEndian(hash[(i * sizeof(uint))..]);
                sums[(h >> 1) % (uint)dimensions] += (h & 1) == 0 ? 1 : -1;
            }
        }

        var length = Math.Sqrt(sums.Sum(s => s * s));
        var vector = new float[dimensions];
        if (length == 0)
        {
            vector[0] = 1;
            return vector;
        }

        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)(sums[i] / length);
        }

        return vector;
    }
}

using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Languru.Api.Access;

/// <summary>
/// Configured API keys are kept and compared only as SHA-256 digests: a presented key is hashed, and the fixed-length
/// digests are compared in constant time (<see cref="CryptographicOperations.FixedTimeEquals"/>), so neither a key's
/// length nor how much of a guess is right shows in the time an answer takes. (A keep-alive connection remembers the
/// presented key it last authenticated with, see <see cref="ConnectionKeyCache"/>.)
/// </summary>
internal static class ApiKeyDigest
{
    public const string HashPrefix = "sha256:";
    public const int Length = SHA256.HashSizeInBytes;

    /// <summary>The SHA-256 of the key's UTF-8 bytes.</summary>
    public static byte[] Of(ReadOnlySpan<char> key)
    {
        var digest = new byte[Length];
        Of(key, digest);
        return digest;
    }

    public static void Of(ReadOnlySpan<char> key, Span<byte> digest)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(key.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(key, buffer);
            SHA256.HashData(buffer.AsSpan(0, length), digest);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Constant-time equality of two digests.</summary>
    public static bool AreEqual(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => CryptographicOperations.FixedTimeEquals(left, right);

    /// <summary>Reads <c>sha256:&lt;64 hex digits&gt;</c>.</summary>
    public static bool TryParse(string value, out byte[] digest)
    {
        digest = [];
        if (!value.StartsWith(HashPrefix, StringComparison.OrdinalIgnoreCase) || value.Length != HashPrefix.Length + (2 * Length))
        {
            return false;
        }

        var parsed = new byte[Length];
        if (Convert.FromHexString(value.AsSpan(HashPrefix.Length), parsed, out _, out var written) != OperationStatus.Done || written != Length)
        {
            return false;
        }

        digest = parsed;
        return true;
    }

    /// <summary>Formats a digest as <see cref="KeyHashFormat"/>, e.g. for docs and tests.</summary>
    public static string Format(byte[] digest) => HashPrefix + Convert.ToHexStringLower(digest);

    /// <summary>How to write a <c>KeyHash</c>.</summary>
    public static string KeyHashFormat => string.Create(CultureInfo.InvariantCulture, $"{HashPrefix}<{2 * Length} hex digits>");
}

using System.Security.Cryptography;

namespace Languru.Providers.Chat;

/// <summary>
/// Random ids (<c>req_…</c>, <c>chatcmpl-…</c>, <c>call_…</c>) from the cryptographic generator, cheaply: each thread
/// keeps a buffer of the generator's bytes, refilled by one call when it runs out (one call serves about ten ids;
/// each call costs an OpenSSL round and a <c>getpid</c> system call), and each byte below the largest multiple of the
/// alphabet's size picks a character (the others are skipped, so every character is equally likely).
/// <see cref="RandomNumberGenerator.GetString"/> asks the generator once per character, which cost several
/// microseconds per id on the hot path. The bytes are used once each and never leave their thread.
/// </summary>
public static class RandomIds
{
    private const int BufferSize = 512;

    [ThreadStatic]
    private static byte[]? _bytes;

    [ThreadStatic]
    private static int _used;

    /// <summary>Lowercase letters and digits.</summary>
    public const string LowercaseAlphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Letters of both cases and digits.</summary>
    public const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary><paramref name="prefix"/> followed by <paramref name="length"/> random characters of <paramref name="alphabet"/>.</summary>
    /// <param name="prefix">The id's fixed start, e.g. <c>chatcmpl-</c>.</param>
    /// <param name="alphabet">The characters to pick from (at most 256).</param>
    /// <param name="length">How many random characters (at most 128).</param>
    /// <returns>The id.</returns>
    public static string Create(string prefix, string alphabet, int length)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentException.ThrowIfNullOrEmpty(alphabet);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(alphabet.Length, 256);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 128);
        return string.Create(prefix.Length + length, (prefix, alphabet), static (id, state) =>
        {
            state.prefix.CopyTo(id);
            var random = id[state.prefix.Length..];
            var size = state.alphabet.Length;
            var limit = 256 - (256 % size);
            var filled = 0;
            while (filled < random.Length)
            {
                var b = NextByte();
                if (b < limit)
                {
                    random[filled++] = state.alphabet[b % size];
                }
            }
        });
    }

    private static byte NextByte()
    {
        var bytes = _bytes;
        if (bytes is null || _used == bytes.Length)
        {
            bytes = _bytes ??= new byte[BufferSize];
            RandomNumberGenerator.Fill(bytes);
            _used = 0;
        }

        var b = bytes[_used];
        bytes[_used++] = 0; // used once: not left readable for a later id
        return b;
    }
}

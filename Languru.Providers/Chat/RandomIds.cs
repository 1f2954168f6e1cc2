using System.Security.Cryptography;

namespace Languru.Providers.Chat;

/// <summary>
/// Random ids (<c>req_…</c>, <c>chatcmpl-…</c>, <c>call_…</c>) from the cryptographic generator, cheaply: one call to
/// it fills a buffer of bytes, and each byte below the largest multiple of the alphabet's size picks a character (the
/// others are skipped, so every character is equally likely). <see cref="RandomNumberGenerator.GetString"/> asks the
/// generator once per character, which cost several microseconds per id on the hot path.
/// </summary>
public static class RandomIds
{
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
            Span<byte> bytes = stackalloc byte[128];
            var filled = 0;
            while (filled < random.Length)
            {
                // A few bytes more than needed, since some are skipped.
                var chunk = bytes[..Math.Min(bytes.Length, random.Length - filled + 16)];
                RandomNumberGenerator.Fill(chunk);
                foreach (var b in chunk)
                {
                    if (b < limit)
                    {
                        random[filled++] = state.alphabet[b % size];
                        if (filled == random.Length)
                        {
                            break;
                        }
                    }
                }
            }
        });
    }
}

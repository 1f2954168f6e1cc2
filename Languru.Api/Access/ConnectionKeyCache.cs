using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Connections.Features;

namespace Languru.Api.Access;

/// <summary>
/// The key an HTTP/1.1 connection last authenticated with, so that the requests after the first on a keep-alive
/// connection (what SDKs, HTTP client pools and proxies send) are not hashed again: the key's SHA-256 through OpenSSL
/// cost about 3 µs of every request's CPU under load (docs/benchmarks.md).
/// </summary>
/// <remarks>
/// The remembered key is the plain key, kept for the connection's life (across later failed or key-less requests), also
/// when the configuration holds only its <c>KeyHash</c>: docs/security.md states the trade. A presented key is compared
/// with it in constant time over the presented key's own length: the comparison's work does not depend on the
/// remembered key or its length. A connection that a proxy shares between callers with different keys misses and
/// hashes, as without the cache. Only a key that matched a configured key is remembered.
/// Only HTTP/1.1 connections remember a key: HTTP/1.1 runs one request at a time on a connection, HTTP/2's and
/// HTTP/3's streams run concurrently, and HTTP/1.0 connections are rarely kept alive.
/// </remarks>
internal static class ConnectionKeyCache
{
    private static readonly object Slot = new();

    /// <summary>The configured key <paramref name="presented"/> is, or null; remembered on the connection if found.</summary>
    public static ApiKey? Find(HttpContext context, string presented, ApiKeyTable keys)
    {
        var items = HttpProtocol.IsHttp11(context.Request.Protocol) ? context.Features.Get<IConnectionItemsFeature>()?.Items : null;
        if (items is not null && items.TryGetValue(Slot, out var value) && value is RememberedKey remembered && remembered.Matches(presented))
        {
            return remembered.Key;
        }

        var key = keys.Find(presented);
        if (key is not null && items is not null)
        {
            items[Slot] = new RememberedKey(presented, key);
        }

        return key;
    }

    // Not a record: a record's ToString would print the key.
    private sealed class RememberedKey(string presented, ApiKey key)
    {
        public ApiKey Key => key;

        public bool Matches(string candidate)
        {
            // The work depends on the candidate's length only: a candidate of another length is compared with itself.
            var sameLength = candidate.Length == presented.Length;
            var equal = CryptographicOperations.FixedTimeEquals(
                MemoryMarshal.AsBytes(candidate.AsSpan()), MemoryMarshal.AsBytes((sameLength ? presented : candidate).AsSpan()));
            return sameLength & equal;
        }
    }
}

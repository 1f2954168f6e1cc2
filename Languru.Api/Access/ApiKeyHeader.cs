using Microsoft.Net.Http.Headers;

namespace Languru.Api.Access;

/// <summary>
/// Reads the key a caller presented: <c>Authorization: Bearer &lt;key&gt;</c> (the scheme in any case, any spaces
/// after it), the seed document's <c>Authorization: bearer&lt;key&gt;</c> (no space), or <c>x-api-key: &lt;key&gt;</c>.
/// </summary>
internal static class ApiKeyHeader
{
    public const string XApiKey = "x-api-key";
    private const string Bearer = "Bearer";

    /// <summary>What the request carries.</summary>
    public enum Presence
    {
        /// <summary>No key header at all.</summary>
        None,

        /// <summary>A key (maybe wrong).</summary>
        Key,

        /// <summary>A key header that holds no usable key (another scheme, an empty value, several values).</summary>
        Malformed,
    }

    public static Presence Read(IHeaderDictionary headers, out string key)
    {
        key = "";
        var authorization = headers[HeaderNames.Authorization];
        var apiKey = headers[XApiKey];
        if (authorization.Count == 0 && apiKey.Count == 0)
        {
            return Presence.None;
        }

        if (authorization.Count > 1 || apiKey.Count > 1)
        {
            return Presence.Malformed;
        }

        if (authorization.Count == 1)
        {
            var value = authorization[0].AsSpan().Trim();
            if (!value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
            {
                return Presence.Malformed;
            }

            key = value[Bearer.Length..].TrimStart().ToString();
        }
        else
        {
            key = apiKey[0]!.Trim();
        }

        return key.Length > 0 ? Presence.Key : Presence.Malformed;
    }
}

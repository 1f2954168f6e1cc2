using Languru.Api.Limits;

namespace Languru.Api.Access;

/// <summary>A configured API key: its name, its digest (never the key), the models it may use and its limits.</summary>
/// <param name="Name">The name logs and errors show.</param>
/// <param name="Digest">The key's SHA-256.</param>
/// <param name="Models">Exact model names and <c>prefix*</c> patterns; empty: every model.</param>
/// <param name="Limits">The key's rate limits.</param>
internal sealed record ApiKey(string Name, byte[] Digest, IReadOnlyList<string> Models, RateLimitOptions Limits);

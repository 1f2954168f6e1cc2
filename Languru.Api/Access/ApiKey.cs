using System.Security.Claims;
using Languru.Api.Limits;

namespace Languru.Api.Access;

/// <summary>A configured API key: its name, its digest (never the key), the models it may use and its limits.</summary>
/// <param name="Name">The name logs and errors show.</param>
/// <param name="Digest">The key's SHA-256.</param>
/// <param name="Models">Exact model names and <c>prefix*</c> patterns; empty: every model.</param>
/// <param name="Limits">The key's rate limits.</param>
internal sealed record ApiKey(string Name, byte[] Digest, IReadOnlyList<string> Models, RateLimitOptions Limits)
{
    /// <summary>
    /// Who calls with this key: named after it, with one <see cref="ModelAccess.ClaimType"/> claim per allowed model
    /// pattern. Built once and shared by its requests (nothing changes a request's principal), rather than per request.
    /// </summary>
    public ClaimsPrincipal Principal { get; } = CreatePrincipal(Name, Models);

    private static ClaimsPrincipal CreatePrincipal(string name, IReadOnlyList<string> models)
    {
        var identity = new ClaimsIdentity(ApiKeyDefaults.AuthenticationScheme);
        identity.AddClaim(new Claim(identity.NameClaimType, name));
        foreach (var model in models)
        {
            identity.AddClaim(new Claim(ModelAccess.ClaimType, model));
        }

        return new ClaimsPrincipal(identity);
    }
}

using System.Security.Claims;
using System.Text.Encodings.Web;
using Languru.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Languru.Api.Access;

/// <summary>
/// Authenticates callers by API key (<see cref="ApiKeyHeader"/> lists the accepted forms). The principal's name is
/// the key's name (read it with <see cref="HttpContextAccessExtensions.GetApiKeyName"/>), with one
/// <see cref="ModelAccess.ClaimType"/> claim per allowed model pattern. In open mode every caller is let in as an
/// anonymous principal. A missing or wrong key is challenged with 401 and OpenAI's <c>invalid_api_key</c> envelope.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyTable keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity(ApiKeyDefaults.AnonymousAuthenticationType));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (keys.IsOpen)
        {
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(Anonymous, Scheme.Name)));
        }

        switch (ApiKeyHeader.Read(Request.Headers, out var presented))
        {
            case ApiKeyHeader.Presence.None:
                return Task.FromResult(AuthenticateResult.NoResult());
            case ApiKeyHeader.Presence.Malformed:
                return Task.FromResult(AuthenticateResult.Fail("The API key header is malformed."));
        }

        // The failure message is logged by the framework: it never contains the key.
        return Task.FromResult(keys.Find(presented) is { } key
            ? AuthenticateResult.Success(new AuthenticationTicket(key.Principal, Scheme.Name))
            : AuthenticateResult.Fail("The API key is not valid."));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var message = result.None
            ? "You didn't provide an API key. Send it as 'Authorization: Bearer <key>' (or 'x-api-key: <key>')."
            : "Incorrect API key provided. Use a key configured for this gateway (see docs/security.md).";
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        await ErrorWriter.WriteAsync(Context, AccessErrors.InvalidApiKey(message), Context.RequestAborted);
    }
}

using System.Security.Claims;
using Languru.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;

namespace Languru.Api.Access;

/// <summary>
/// Authenticates callers by API key (<see cref="ApiKeyHeader"/> lists the accepted forms). The principal's name is
/// the key's name (read it with <see cref="HttpContextAccessExtensions.GetApiKeyName"/>), with one
/// <see cref="ModelAccess.ClaimType"/> claim per allowed model pattern. In open mode every caller is let in as an
/// anonymous principal. A missing or wrong key is challenged with 401 and OpenAI's <c>invalid_api_key</c> envelope.
/// </summary>
/// <remarks>
/// An <see cref="IAuthenticationHandler"/> of its own rather than an <see cref="AuthenticationHandler{TOptions}"/>: the
/// base class creates a logger from the logger factory (a lock and a lookup) and looks up its options for every
/// request, and runs its events, forwarding and result caching through several async layers, none of which an API
/// key needs. It is created per request (a transient; the framework initializes one per request and scheme), keeps
/// the base class's once-per-request result, and logs what the base class logs, under its own category.
/// </remarks>
internal sealed partial class ApiKeyAuthenticationHandler(ApiKeyTable keys, ILogger<ApiKeyAuthenticationHandler> logger) : IAuthenticationHandler
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity(ApiKeyDefaults.AnonymousAuthenticationType));

    private AuthenticationScheme _scheme = null!;
    private HttpContext _context = null!;
    private Task<AuthenticateResult>? _result;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _scheme = scheme;
        _context = context;
        return Task.CompletedTask;
    }

    /// <summary>The request's result, worked out once however often it is asked for (the middleware, a challenge).</summary>
    public Task<AuthenticateResult> AuthenticateAsync() => _result ??= Task.FromResult(Authenticate());

    public async Task ChallengeAsync(AuthenticationProperties? properties)
    {
        var result = await AuthenticateAsync();
        var message = result.None
            ? "You didn't provide an API key. Send it as 'Authorization: Bearer <key>' (or 'x-api-key: <key>')."
            : "Incorrect API key provided. Use a key configured for this gateway (see docs/security.md).";
        _context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        await ErrorWriter.WriteAsync(_context, AccessErrors.InvalidApiKey(message), _context.RequestAborted);
        LogChallenged(logger, _scheme.Name);
    }

    public Task ForbidAsync(AuthenticationProperties? properties)
    {
        _context.Response.StatusCode = StatusCodes.Status403Forbidden;
        LogForbidden(logger, _scheme.Name);
        return Task.CompletedTask;
    }

    private AuthenticateResult Authenticate()
    {
        if (keys.IsOpen)
        {
            return Success(Anonymous);
        }

        switch (ApiKeyHeader.Read(_context.Request.Headers, out var presented))
        {
            case ApiKeyHeader.Presence.None:
                LogNotAuthenticated(logger, _scheme.Name);
                return AuthenticateResult.NoResult();
            case ApiKeyHeader.Presence.Malformed:
                return Failure("The API key header is malformed.");
        }

        return ConnectionKeyCache.Find(_context, presented, keys) is { } key ? Success(key.Principal) : Failure("The API key is not valid.");
    }

    private AuthenticateResult Success(ClaimsPrincipal principal)
    {
        LogAuthenticated(logger, _scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, _scheme.Name));
    }

    /// <summary>A failure, logged with its message: the message never contains the key.</summary>
    private AuthenticateResult Failure(string message)
    {
        LogNotAuthenticatedWithFailure(logger, _scheme.Name, message);
        return AuthenticateResult.Fail(message);
    }

    // The base class's messages and event ids (Microsoft.AspNetCore.Authentication's LoggingExtensions).
    [LoggerMessage(EventId = 7, EventName = "AuthenticationSchemeNotAuthenticatedWithFailure", Level = LogLevel.Information,
        Message = "{AuthenticationScheme} was not authenticated. Failure message: {FailureMessage}")]
    private static partial void LogNotAuthenticatedWithFailure(ILogger logger, string authenticationScheme, string failureMessage);

    [LoggerMessage(EventId = 8, EventName = "AuthenticationSchemeAuthenticated", Level = LogLevel.Debug,
        Message = "AuthenticationScheme: {AuthenticationScheme} was successfully authenticated.")]
    private static partial void LogAuthenticated(ILogger logger, string authenticationScheme);

    [LoggerMessage(EventId = 9, EventName = "AuthenticationSchemeNotAuthenticated", Level = LogLevel.Debug,
        Message = "AuthenticationScheme: {AuthenticationScheme} was not authenticated.")]
    private static partial void LogNotAuthenticated(ILogger logger, string authenticationScheme);

    [LoggerMessage(EventId = 12, EventName = "AuthenticationSchemeChallenged", Level = LogLevel.Information,
        Message = "AuthenticationScheme: {AuthenticationScheme} was challenged.")]
    private static partial void LogChallenged(ILogger logger, string authenticationScheme);

    [LoggerMessage(EventId = 13, EventName = "AuthenticationSchemeForbidden", Level = LogLevel.Information,
        Message = "AuthenticationScheme: {AuthenticationScheme} was forbidden.")]
    private static partial void LogForbidden(ILogger logger, string authenticationScheme);
}

using Languru.Api.Errors;

namespace Languru.Api.Access;

/// <summary>The error answers of access control, in OpenAI's envelope.</summary>
internal static class AccessErrors
{
    public static ApiError InvalidApiKey(string message) =>
        ApiError.InvalidRequest(message, code: "invalid_api_key", statusCode: StatusCodes.Status401Unauthorized);

    public static ApiError ModelNotAllowed(string? keyName, string model) => ApiError.InvalidRequest(
        $"The API key '{keyName}' may not use the model '{model}'. GET /v1/models lists the models it may use.",
        "model",
        "model_not_allowed",
        StatusCodes.Status403Forbidden);

    public static ApiError HostNotAllowed(string host) => ApiError.InvalidRequest(
        $"The Host '{host}' is not allowed: a gateway without API keys answers only to loopback names (localhost, 127.0.0.1, [::1]). " +
        "Set AllowedHosts, or configure an API key (docs/security.md).",
        code: "host_not_allowed");

    public static ApiError NotLoopback() => ApiError.InvalidRequest(
        "This gateway has no API keys and answers only on loopback addresses. Configure an API key, or set " +
        "Languru:Auth:AllowAnonymous to true (docs/security.md).",
        code: "loopback_only",
        statusCode: StatusCodes.Status403Forbidden);
}

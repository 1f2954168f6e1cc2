namespace Languru.Api.Errors;

/// <summary>The <c>error.type</c> values OpenAI clients know.</summary>
internal static class ErrorTypes
{
    public const string InvalidRequest = "invalid_request_error";
    public const string RateLimit = "rate_limit_error";
    public const string Server = "server_error";
    public const string Timeout = "timeout_error";
}

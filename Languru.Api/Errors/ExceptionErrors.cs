using Languru.Api.Redis;
using Languru.Providers.Chat;

namespace Languru.Api.Errors;

/// <summary>
/// Maps exceptions to error responses, so that SDK clients behave sensibly: client mistakes are 4xx (SDKs retry
/// 408/409/429/5xx), upstream failures 502, an unavailable upstream 503, an upstream time-out 504.
/// </summary>
internal static class ExceptionErrors
{
    public static ApiError From(Exception exception, string requestId) => exception switch
    {
        ChatProviderException provider => FromProvider(provider),
        StateUnavailableException unavailable => new ApiError(
            StatusCodes.Status503ServiceUnavailable,
            new() { Message = unavailable.Message, Type = ErrorTypes.Server, Code = "state_unavailable" },
            TimeSpan.FromSeconds(1)),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => ApiError.InvalidRequest(
            "The request body is too large for this gateway (see Kestrel:Limits:MaxRequestBodySize in docs/configuration.md).",
            code: "request_too_large",
            statusCode: StatusCodes.Status413PayloadTooLarge),
        BadHttpRequestException bad => ApiError.InvalidRequest(
            $"The request could not be read: {bad.Message}",
            statusCode: bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest),
        _ => new ApiError(StatusCodes.Status500InternalServerError, new()
        {
            Message = $"The gateway had an error while processing your request. Quote request id {requestId} when reporting it.",
            Type = ErrorTypes.Server,
        }),
    };

    private static ApiError FromProvider(ChatProviderException exception) => exception.Kind switch
    {
        ChatProviderErrorKind.InvalidRequest => ApiError.InvalidRequest(exception.Message, exception.Param, exception.Code ?? "invalid_value"),
        ChatProviderErrorKind.ModelNotFound => ApiError.InvalidRequest(
            exception.Message, exception.Param ?? "model", exception.Code ?? "model_not_found", StatusCodes.Status404NotFound),
        ChatProviderErrorKind.RateLimited => new ApiError(
            StatusCodes.Status429TooManyRequests,
            new() { Message = exception.Message, Type = ErrorTypes.RateLimit, Code = exception.Code ?? "rate_limit_exceeded" },
            exception.RetryAfter),
        ChatProviderErrorKind.Unavailable => new ApiError(
            StatusCodes.Status503ServiceUnavailable,
            new() { Message = exception.Message, Type = ErrorTypes.Server, Code = exception.Code ?? "upstream_unavailable" },
            exception.RetryAfter),
        ChatProviderErrorKind.Timeout => new ApiError(
            StatusCodes.Status504GatewayTimeout,
            new() { Message = exception.Message, Type = ErrorTypes.Timeout, Code = exception.Code ?? "upstream_timeout" }),
        _ => new ApiError(
            StatusCodes.Status502BadGateway,
            new() { Message = exception.Message, Type = ErrorTypes.Server, Code = exception.Code ?? "upstream_error" }),
    };
}

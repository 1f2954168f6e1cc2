using Languru.Contracts.Errors;
using Microsoft.AspNetCore.Mvc;

namespace Languru.Api.Errors;

/// <summary>An error response: status, the OpenAI envelope's contents, and an optional <c>Retry-After</c>.</summary>
internal sealed record ApiError(int StatusCode, ErrorDetail Detail, TimeSpan? RetryAfter = null)
{
    public static ApiError InvalidRequest(string message, string? param = null, string? code = null, int statusCode = StatusCodes.Status400BadRequest) =>
        new(statusCode, new ErrorDetail { Message = message, Type = ErrorTypes.InvalidRequest, Param = param, Code = code });

    public ErrorResponse ToResponse() => new() { Error = Detail };

    public IActionResult ToActionResult() => new ErrorResult(this);

    private sealed class ErrorResult(ApiError error) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) =>
            ErrorWriter.WriteAsync(context.HttpContext, error, context.HttpContext.RequestAborted);
    }
}

using Languru.Providers.Chat;
using Microsoft.AspNetCore.Diagnostics;

namespace Languru.Api.Errors;

/// <summary>
/// Turns every exception that escapes an endpoint into the OpenAI envelope, with no stack trace. Provider and
/// client errors are expected and logged briefly; anything else is a bug and logged in full. (A client that
/// disconnected is handled before this by the exception-handler middleware: no body, status 499 in the log.)
/// </summary>
internal sealed partial class OpenAIExceptionHandler(ILogger<OpenAIExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var error = ExceptionErrors.From(exception, httpContext.TraceIdentifier);
        switch (exception)
        {
            case ChatProviderException provider:
                ProviderFailureLog.Log(logger, provider, error.StatusCode, inStream: false);
                break;
            case BadHttpRequestException:
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    var message = LogText.Escape(exception.Message);
                    LogBadRequest(logger, error.StatusCode, message);
                }

                break;
            default:
                LogUnhandled(logger, exception);
                break;
        }

        await ErrorWriter.WriteAsync(httpContext, error, cancellationToken);
        return true;
    }

    [LoggerMessage(EventId = 101, EventName = "BadRequest", Level = LogLevel.Debug,
        Message = "Unreadable request answered with {StatusCode}: {Message}")]
    private static partial void LogBadRequest(ILogger logger, int statusCode, string message);

    [LoggerMessage(EventId = 102, EventName = "UnhandledException", Level = LogLevel.Error,
        Message = "Unhandled exception; answered with 500.")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}

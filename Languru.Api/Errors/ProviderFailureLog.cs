using Languru.Providers.Chat;

namespace Languru.Api.Errors;

/// <summary>
/// How a provider failure is logged, before or during a stream alike. At Warning: its kind, the status the client got,
/// the upstream's status, the provider and the model (escaped: it is client input), and nothing an upstream said,
/// which can quote the prompt. At Debug: the message the client got and the upstream's own text and address
/// (<see cref="ChatProviderException.Detail"/>, key already redacted).
/// </summary>
internal static partial class ProviderFailureLog
{
    public static void Log(ILogger logger, ChatProviderException exception, int statusCode, bool inStream)
    {
        var model = LogText.Escape(exception.Model);
        var provider = exception.Provider ?? "(router)";
        if (inStream)
        {
            LogInStream(logger, exception.Kind, statusCode, exception.UpstreamStatus, provider, model);
        }
        else
        {
            LogAnswered(logger, exception.Kind, statusCode, exception.UpstreamStatus, provider, model);
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            var cause = exception.InnerException?.GetType().Name ?? "(none)";
            LogDetail(logger, provider, exception.Message, exception.Detail ?? "(none)", cause);
        }
    }

    [LoggerMessage(EventId = 100, EventName = "ProviderError", Level = LogLevel.Warning,
        Message = "Provider error {Kind} answered with {StatusCode} (upstream status {UpstreamStatus}); provider {Provider}, model {Model}.")]
    private static partial void LogAnswered(ILogger logger, ChatProviderErrorKind kind, int statusCode, int? upstreamStatus, string provider, string model);

    [LoggerMessage(EventId = 202, EventName = "StreamProviderFailed", Level = LogLevel.Warning,
        Message = "Provider error {Kind} after a stream started; sent an in-stream error event ({StatusCode}, upstream status {UpstreamStatus}); provider {Provider}, model {Model}.")]
    private static partial void LogInStream(ILogger logger, ChatProviderErrorKind kind, int statusCode, int? upstreamStatus, string provider, string model);

    [LoggerMessage(EventId = 103, EventName = "ProviderErrorDetail", Level = LogLevel.Debug,
        Message = "Provider {Provider} failure: {Message} Upstream detail: {Detail} (cause: {Cause})")]
    private static partial void LogDetail(ILogger logger, string provider, string message, string detail, string cause);
}

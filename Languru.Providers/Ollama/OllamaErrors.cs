using System.Text.Json;
using Languru.Providers.Chat;

namespace Languru.Providers.Ollama;

/// <summary>
/// Maps Ollama failures: 404 for the model → 404 <c>model_not_found</c> (with the pull command); 503 (queue full) →
/// 503 with <c>Retry-After</c>; 400 → 400 with Ollama's message; unreachable (refused, unknown host,
/// <c>ConnectTimeout</c>) → 503; time-outs → 504; an error line, a broken connection or an unreadable line in a stream
/// → an upstream error. Client messages name the provider, never its address, and quote only Ollama's own JSON error
/// (<c>{"error":"…"}</c>); anything else goes to <see cref="ChatProviderException.Detail"/>, for the debug log.
/// </summary>
internal static class OllamaErrors
{
    public static Exception Map(Exception exception, string provider, Uri endpoint, string model, UpstreamDeadline? deadline, OllamaProviderOptions options)
    {
        var mapped = exception switch
        {
            ChatProviderException known => known,
            _ when UpstreamFailure.IsConnectTimeout(exception, deadline) =>
                UpstreamFailure.ConnectTimedOut($"Ollama ('{provider}')", provider, exception, $"{endpoint}: {exception.Message}"),
            OperationCanceledException when deadline is not null => deadline.TimedOut($"Ollama ('{provider}')", provider, exception),
            OllamaHttpException http => FromStatus(http, provider, model, options),
            HttpRequestException when UpstreamFailure.UnreachableReason(exception) is { } reason =>
                new ChatProviderException(ChatProviderErrorKind.Unavailable, $"Ollama ('{provider}') is not reachable.", exception) { Detail = $"{endpoint}: {reason}" },
            JsonException =>
                new ChatProviderException(ChatProviderErrorKind.UpstreamError, $"Ollama ('{provider}') sent a line the gateway could not read.", exception) { Detail = exception.Message },
            IOException or HttpRequestException =>
                new ChatProviderException(ChatProviderErrorKind.UpstreamError, $"The connection to Ollama ('{provider}') broke before the answer was complete.", exception)
                {
                    Detail = exception.Message,
                },
            _ => null,
        };
        return mapped is null ? exception : UpstreamFailure.Attribute(mapped, provider, model);
    }

    public static ChatProviderException StreamError(string provider, string model, string message) => UpstreamFailure.Attribute(
        new(ChatProviderErrorKind.UpstreamError, $"Ollama ('{provider}') reported an error mid-stream: {UpstreamFailure.Quote(message)}"), provider, model);

    public static ChatProviderException EndedEarly(string provider, string model) => UpstreamFailure.Attribute(
        new(ChatProviderErrorKind.UpstreamError, $"Ollama ('{provider}') ended the stream before its final line."), provider, model);

    private static ChatProviderException FromStatus(OllamaHttpException http, string provider, string model, OllamaProviderOptions options)
    {
        var message = UpstreamFailure.Quote(http.UpstreamMessage);
        return http.Status switch
        {
            404 => new ChatProviderException(ChatProviderErrorKind.ModelNotFound,
                $"Ollama ('{provider}') does not have the model '{model}'{(message is null ? "" : $" ({message})")}; pull it with: ollama pull {model}", http)
            {
                Param = "model",
                Code = "model_not_found",
                UpstreamStatus = http.Status,
                Detail = http.Body,
            },
            400 or 413 or 422 => new ChatProviderException(ChatProviderErrorKind.InvalidRequest, message ?? $"Ollama ('{provider}') refused the request ({http.Status}).", http)
            {
                UpstreamStatus = http.Status,
                Detail = http.Body,
            },
            429 => new ChatProviderException(ChatProviderErrorKind.RateLimited, message ?? $"Ollama ('{provider}') is rate-limiting requests.", http)
            {
                RetryAfter = http.RetryAfter ?? options.BusyRetryAfter,
                UpstreamStatus = http.Status,
                Detail = http.Body,
            },
            503 => new ChatProviderException(ChatProviderErrorKind.Unavailable, $"Ollama ('{provider}') is busy{(message is null ? "." : $": {message}")}", http)
            {
                RetryAfter = http.RetryAfter ?? options.BusyRetryAfter,
                UpstreamStatus = http.Status,
                Detail = http.Body,
            },
            401 or 403 => new ChatProviderException(ChatProviderErrorKind.UpstreamError,
                $"Ollama ('{provider}') refused the gateway ({http.Status}).", http)
            {
                Code = ChatProviderException.UpstreamAuthFailedCode,
                UpstreamStatus = http.Status,
                Detail = http.Body,
            },
            _ => new ChatProviderException(ChatProviderErrorKind.UpstreamError,
                $"Ollama ('{provider}') failed with {http.Status}{(message is null ? "." : $": {message}")}", http)
            {
                UpstreamStatus = http.Status,
                Detail = http.Body,
            },
        };
    }
}

using System.Text.Json;
using Languru.Providers.Chat;

namespace Languru.Providers.Ollama;

/// <summary>
/// Maps Ollama failures: 404 for the model → 404 <c>model_not_found</c> (with the pull command); 503 (queue full) →
/// 503 with <c>Retry-After</c>; 400 → 400 with Ollama's message; unreachable → 503 naming the address tried; time-outs
/// → 504; an error line, a broken connection or an unreadable line in a stream → an upstream error.
/// </summary>
internal static class OllamaErrors
{
    public static Exception Map(Exception exception, string provider, Uri endpoint, string model, UpstreamDeadline? deadline, OllamaProviderOptions options) => exception switch
    {
        ChatProviderException => exception,
        _ when UpstreamFailure.IsConnectTimeout(exception, deadline) =>
            UpstreamFailure.ConnectTimedOut($"Ollama ('{provider}')", provider, exception, $"{endpoint}: {exception.Message}"),
        OperationCanceledException when deadline is not null => deadline.TimedOut($"Ollama ('{provider}')", provider, exception),
        OllamaHttpException http => FromStatus(http, provider, endpoint, model, options),
        HttpRequestException when UpstreamFailure.UnreachableReason(exception) is { } reason =>
            new ChatProviderException(ChatProviderErrorKind.Unavailable, $"Ollama ('{provider}') is not reachable at {endpoint}: {reason}", exception),
        JsonException =>
            new ChatProviderException(ChatProviderErrorKind.UpstreamError, $"Ollama ('{provider}') sent a line the gateway could not read.", exception),
        IOException or HttpRequestException =>
            new ChatProviderException(ChatProviderErrorKind.UpstreamError, $"The connection to Ollama ('{provider}') broke: {exception.Message}", exception),
        _ => exception,
    };

    public static ChatProviderException StreamError(string provider, string message) =>
        new(ChatProviderErrorKind.UpstreamError, $"Ollama ('{provider}') reported an error mid-stream: {UpstreamFailure.Quote(message)}");

    public static ChatProviderException EndedEarly(string provider) =>
        new(ChatProviderErrorKind.UpstreamError, $"Ollama ('{provider}') ended the stream before its final line.");

    private static ChatProviderException FromStatus(OllamaHttpException http, string provider, Uri endpoint, string model, OllamaProviderOptions options)
    {
        var message = UpstreamFailure.Quote(http.UpstreamMessage);
        return http.Status switch
        {
            404 => new ChatProviderException(ChatProviderErrorKind.ModelNotFound,
                $"Ollama ('{provider}') does not have the model '{model}'{(message is null ? "" : $" ({message})")}; pull it with: ollama pull {model}", http)
            {
                Param = "model",
                Code = "model_not_found",
            },
            400 or 413 or 422 => new ChatProviderException(ChatProviderErrorKind.InvalidRequest, message ?? $"Ollama ('{provider}') refused the request ({http.Status}).", http),
            429 => new ChatProviderException(ChatProviderErrorKind.RateLimited, message ?? $"Ollama ('{provider}') is rate-limiting requests.", http)
            {
                RetryAfter = http.RetryAfter ?? options.BusyRetryAfter,
            },
            503 => new ChatProviderException(ChatProviderErrorKind.Unavailable, $"Ollama ('{provider}') is busy{(message is null ? "." : $": {message}")}", http)
            {
                RetryAfter = http.RetryAfter ?? options.BusyRetryAfter,
            },
            401 or 403 => new ChatProviderException(ChatProviderErrorKind.UpstreamError,
                $"Ollama ('{provider}') at {endpoint} refused the gateway ({http.Status}).", http),
            _ => new ChatProviderException(ChatProviderErrorKind.UpstreamError,
                $"Ollama ('{provider}') failed with {http.Status}{(message is null ? "." : $": {message}")}", http),
        };
    }
}

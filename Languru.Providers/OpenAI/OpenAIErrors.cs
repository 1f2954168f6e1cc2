using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Languru.Providers.Chat;

namespace Languru.Providers.OpenAI;

/// <summary>
/// Maps what the OpenAI SDK throws to <see cref="ChatProviderException"/>s that make SDK clients behave sensibly:
/// the upstream's 400 stays a 400 with its message; an unknown upstream model is a 404; a refused key (401/403) is a
/// 502 whose message never quotes the upstream (OpenAI's echoes part of the key); 429 and 503 keep
/// <c>Retry-After</c>; other 5xx are 502; an unreachable upstream (refused, unknown host, <c>ConnectTimeout</c>) is 503;
/// time-outs are 504. Client messages name the provider, never its address, and quote the upstream only where it sent
/// an OpenAI-shaped JSON error (<c>{"error":{"message":"…"}}</c>); whatever else it said (an HTML page, a bare string,
/// the address tried) goes to <see cref="ChatProviderException.Detail"/>, for the debug log. Upstream text is quoted
/// with the provider's key redacted, whatever the upstream put in it.
/// </summary>
internal static class OpenAIErrors
{
    /// <param name="exception">What the SDK threw.</param>
    /// <param name="call">The call.</param>
    /// <param name="deadline">The call's deadlines, to word a time-out; null when there were none (listing).</param>
    public static Exception Map(Exception exception, UpstreamCall call, UpstreamDeadline? deadline)
    {
        var (provider, endpoint, _, secret) = call;
        var mapped = exception switch
        {
            ChatProviderException known => known,
            _ when UpstreamFailure.IsConnectTimeout(exception, deadline) =>
                UpstreamFailure.ConnectTimedOut($"The upstream '{provider}'", provider, exception, $"{endpoint}: {exception.Message}"),
            OperationCanceledException when deadline is not null => deadline.TimedOut($"The upstream '{provider}'", provider, exception),
            ClientResultException { Status: > 0 } result => FromStatus(result.Status, result.GetRawResponse()?.Content, Header(result.GetRawResponse()), result, call),
            ClientResultException or HttpRequestException when UpstreamFailure.UnreachableReason(exception) is { } reason =>
                new ChatProviderException(ChatProviderErrorKind.Unavailable, $"Could not reach the upstream '{provider}'.", exception) { Detail = $"{endpoint}: {reason}" },
            NotAStreamException notAStream =>
                new ChatProviderException(ChatProviderErrorKind.UpstreamError, $"The upstream '{provider}' answered a stream request with '{notAStream.ContentType}', not server-sent events.", exception)
                {
                    Detail = UpstreamFailure.Quote(notAStream.BodyStart, secret),
                },
            UpstreamStreamException stream =>
                new ChatProviderException(ChatProviderErrorKind.UpstreamError, stream.UpstreamMessage is { } message
                    ? $"The upstream '{provider}' reported an error mid-stream: {UpstreamFailure.Quote(message, secret)}"
                    : $"The upstream '{provider}' reported an error mid-stream.", exception)
                {
                    Detail = UpstreamFailure.Quote(stream.Message, secret),
                },
            IOException or HttpRequestException =>
                new ChatProviderException(ChatProviderErrorKind.UpstreamError, $"The connection to the upstream '{provider}' broke before the answer was complete.", exception)
                {
                    Detail = UpstreamFailure.Quote(exception.Message, secret),
                },
            JsonException or FormatException or ArgumentOutOfRangeException or InvalidOperationException or KeyNotFoundException =>
                new ChatProviderException(ChatProviderErrorKind.UpstreamError, $"The upstream '{provider}' sent an answer the gateway could not read.", exception)
                {
                    Detail = UpstreamFailure.Quote(exception.Message, secret),
                },
            _ => null,
        };
        return mapped is null ? exception : UpstreamFailure.Attribute(mapped, provider, call.Model);
    }

    /// <summary>A stream that ended quietly without a finish reason: no events at all (not a stream), or a cut answer.</summary>
    /// <param name="call">The call.</param>
    /// <param name="received">How many updates arrived before the end.</param>
    public static ChatProviderException Unfinished(UpstreamCall call, int received) => UpstreamFailure.Attribute(new(
        ChatProviderErrorKind.UpstreamError,
        received == 0
            ? $"The upstream '{call.Provider}' answered a stream request with no server-sent events."
            : $"The upstream '{call.Provider}' closed the stream before the answer finished (no finish_reason); the answer is incomplete."), call.Provider, call.Model);

    /// <summary>The failure for an upstream's error status, from its body and headers (the SDK's or the wire path's).</summary>
    /// <param name="status">The upstream's status.</param>
    /// <param name="content">Its body, if any.</param>
    /// <param name="header">Reads one of its headers (null when absent).</param>
    /// <param name="exception">The cause the failure carries.</param>
    /// <param name="call">The call.</param>
    internal static ChatProviderException FromStatus(int status, BinaryData? content, Func<string, string?> header, Exception exception, UpstreamCall call)
    {
        var (provider, endpoint, model, secret) = call;
        var (message, param, code) = ReadError(content, secret);
        var detail = content is null ? null : UpstreamFailure.Quote(content.ToString().Trim(), secret);
        return status switch
        {
            400 or 413 or 422 => new ChatProviderException(ChatProviderErrorKind.InvalidRequest, message ?? $"The upstream '{provider}' refused the request ({status}).", exception)
            {
                Param = param,
                Code = code,
                UpstreamStatus = status,
                Detail = detail,
            },
            401 or 403 => new ChatProviderException(ChatProviderErrorKind.UpstreamError,
                $"The upstream '{provider}' refused the gateway's credentials ({status}); check Languru:Providers:{provider}:ApiKey or its environment variable.", exception)
            {
                Code = ChatProviderException.UpstreamAuthFailedCode,
                UpstreamStatus = status,
                Detail = detail,
            },
            404 when code == "model_not_found" || message?.Contains("model", StringComparison.OrdinalIgnoreCase) == true =>
                new ChatProviderException(ChatProviderErrorKind.ModelNotFound, $"The upstream '{provider}' does not know the model '{model}': {message}", exception)
                {
                    Param = "model",
                    Code = "model_not_found",
                    UpstreamStatus = status,
                    Detail = detail,
                },
            404 => new ChatProviderException(ChatProviderErrorKind.UpstreamError,
                $"The upstream '{provider}' answered 404 for its chat completions URL; check Languru:Providers:{provider}:BaseUrl.", exception)
            {
                UpstreamStatus = status,
                Detail = $"{endpoint}: {detail}",
            },
            408 => new ChatProviderException(ChatProviderErrorKind.Timeout, $"The upstream '{provider}' timed out (408).", exception) { UpstreamStatus = status, Detail = detail },
            429 => new ChatProviderException(ChatProviderErrorKind.RateLimited, message ?? $"The upstream '{provider}' is rate-limiting requests.", exception)
            {
                RetryAfter = RetryAfter(header),
                Code = code is null or "rate_limit_exceeded" ? "rate_limit_exceeded" : code,
                UpstreamStatus = status,
                Detail = detail,
            },
            503 => new ChatProviderException(ChatProviderErrorKind.Unavailable,
                $"The upstream '{provider}' is unavailable (503){(message is null ? "." : $": {message}")}", exception)
            {
                RetryAfter = RetryAfter(header),
                UpstreamStatus = status,
                Detail = detail,
            },
            _ => new ChatProviderException(ChatProviderErrorKind.UpstreamError,
                $"The upstream '{provider}' failed with {status}{(message is null ? "." : $": {message}")}", exception)
            {
                UpstreamStatus = status,
                Detail = detail,
            },
        };
    }

    /// <summary>
    /// The message, <c>param</c> and <c>code</c> of an OpenAI-shaped JSON error (<c>{"error":{"message":"…"}}</c>), the
    /// only shape whose text the gateway repeats to clients; nulls for anything else (HTML, a bare string, FastAPI's
    /// <c>detail</c>), which could be a proxy's page or quote internals.
    /// </summary>
    internal static (string? Message, string? Param, string? Code) ReadError(BinaryData? content, string? secret)
    {
        if (content is null)
        {
            return (null, null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) &&
                error.ValueKind == JsonValueKind.Object && Text(error, "message") is { } message)
            {
                return (UpstreamFailure.Quote(message, secret), Text(error, "param"), Text(error, "code"));
            }

            return (null, null, null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (null, null, null);
        }

        static string? Text(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
                ? value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Number => value.GetRawText(),
                    _ => null,
                }
                : null;
    }

    private static Func<string, string?> Header(PipelineResponse? response) =>
        name => response is not null && response.Headers.TryGetValue(name, out var value) ? value : null;

    private static TimeSpan? RetryAfter(Func<string, string?> header)
    {
        if (header("retry-after-ms") is { } ms && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        if (header("retry-after") is { } value && RetryConditionHeaderValue.TryParse(value, out var retry))
        {
            return retry.Delta ?? (retry.Date - DateTimeOffset.UtcNow);
        }

        return null;
    }
}

using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Languru.Api.Errors;
using Languru.Api.Hosting;
using Languru.Api.Shutdown;
using Languru.Contracts.Chat;
using Languru.Contracts.Errors;
using Languru.Providers.Chat;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Languru.Api.Streaming;

/// <summary>
/// Writes a streamed answer as server-sent events: <c>text/event-stream</c>, no buffering, one
/// <c>data: {json}\n\n</c> per chunk flushed as soon as it is produced, then <c>data: [DONE]\n\n</c>.
/// Create it with <see cref="StartAsync"/>, which pulls the first chunk before the response starts, so that early
/// failures (unknown upstream model, refused key, …) are still ordinary HTTP errors. A failure after the start
/// becomes a <c>data: {"error":{…}}</c> event and ends the stream. A client that disconnects cancels the
/// enumeration (and with it the provider call); that is logged at debug level only.
/// </summary>
internal sealed partial class ChatCompletionStreamResult : IActionResult
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = WireJson.Options.Encoder, SkipValidation = true };

    private readonly IAsyncEnumerator<ChatCompletionChunk> _chunks;
    private readonly bool _hasCurrent;

    private ChatCompletionStreamResult(IAsyncEnumerator<ChatCompletionChunk> chunks, bool hasCurrent)
    {
        _chunks = chunks;
        _hasCurrent = hasCurrent;
    }

    /// <summary>Starts the enumeration and waits for the first chunk (or the first failure, which is thrown).</summary>
    public static async Task<ChatCompletionStreamResult> StartAsync(IAsyncEnumerable<ChatCompletionChunk> chunks, CancellationToken cancellationToken)
    {
        var enumerator = chunks.GetAsyncEnumerator(cancellationToken);
        try
        {
            return new ChatCompletionStreamResult(enumerator, await enumerator.MoveNextAsync());
        }
        catch
        {
            await enumerator.DisposeAsync();
            throw;
        }
    }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // tells nginx-style proxies not to buffer either
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var logger = http.RequestServices.GetRequiredService<ILogger<ChatCompletionStreamResult>>();
        var aborted = http.RequestAborted;
        var body = response.BodyWriter;
        await using var chunks = _chunks;
        using var json = new Utf8JsonWriter(body, WriterOptions);
        try
        {
            if (_hasCurrent)
            {
                do
                {
                    WriteEvent(body, json, chunks.Current, WireJson.TypeInfo<ChatCompletionChunk>());
                    if ((await body.FlushAsync(aborted)).IsCompleted)
                    {
                        return; // the client is gone
                    }
                }
                while (await chunks.MoveNextAsync());
            }

            body.Write("data: [DONE]\n\n"u8);
            await body.FlushAsync(aborted);
        }
        catch (OperationCanceledException) when (ShutdownDeadlineMiddleware.IsPastDeadline(http))
        {
            // The gateway is stopping and this stream ran out of time: say so rather than cut the connection.
            LogStreamCutByShutdown(logger);
            WriteEvent(body, json, ShutdownDeadlineMiddleware.ShuttingDown.ToResponse(), WireJson.TypeInfo<ErrorResponse>());
            await body.FlushAsync(CancellationToken.None);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            LogClientDisconnected(logger);
        }
        catch (Exception ex)
        {
            var error = ExceptionErrors.From(ex, http.TraceIdentifier);
            if (ex is ChatProviderException provider)
            {
                // Expected: logged by its message, which never quotes secrets (its inner exception may).
                LogStreamProviderFailed(logger, provider.Kind, error.StatusCode, provider.Message);
            }
            else
            {
                LogStreamFailed(logger, error.StatusCode, ex);
            }

            WriteEvent(body, json, error.ToResponse(), WireJson.TypeInfo<ErrorResponse>());
            await body.FlushAsync(aborted);
        }
    }

    /// <summary>Writes <c>data: {json}\n\n</c>. The JSON is never indented, so it stays on one line.</summary>
    internal static void WriteEvent<T>(PipeWriter body, Utf8JsonWriter json, T value, JsonTypeInfo<T> typeInfo)
    {
        body.Write("data: "u8);
        json.Reset(body);
        JsonSerializer.Serialize(json, value, typeInfo);
        body.Write("\n\n"u8);
    }

    [LoggerMessage(EventId = 200, EventName = "StreamClientDisconnected", Level = LogLevel.Debug,
        Message = "The client disconnected during a stream; the provider call was cancelled (499).")]
    private static partial void LogClientDisconnected(ILogger logger);

    [LoggerMessage(EventId = 203, EventName = "StreamCutByShutdown", Level = LogLevel.Warning,
        Message = "A stream was still running when the shutdown timeout ended; sent a server_shutting_down event.")]
    private static partial void LogStreamCutByShutdown(ILogger logger);

    [LoggerMessage(EventId = 201, EventName = "StreamFailed", Level = LogLevel.Error,
        Message = "A stream failed after it started; sent an in-stream error event ({StatusCode}).")]
    private static partial void LogStreamFailed(ILogger logger, int statusCode, Exception exception);

    [LoggerMessage(EventId = 202, EventName = "StreamProviderFailed", Level = LogLevel.Warning,
        Message = "Provider error {Kind} after a stream started; sent an in-stream error event ({StatusCode}): {Message}")]
    private static partial void LogStreamProviderFailed(ILogger logger, ChatProviderErrorKind kind, int statusCode, string message);
}

using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Languru.Api.Errors;
using Languru.Api.Hosting;
using Languru.Api.Shutdown;
using Languru.Api.Telemetry;
using Languru.Providers.Chat;
using Languru.Providers.Telemetry;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Languru.Api.Streaming;

/// <summary>
/// Writes a stream of events as server-sent events: <c>text/event-stream</c>, no buffering, each event flushed as
/// soon as it is produced. Derived types say how an event, the end and a failure look on the wire (chat completions
/// and responses differ only there). Create one with <see cref="StartAsync"/>, which pulls the first event before
/// the response starts, so that early failures (unknown upstream model, refused key, …) are still ordinary HTTP
/// errors. A failure after the start becomes the format's error event and ends the stream. A client that
/// disconnects cancels the enumeration (and with it the provider call); that is logged at debug level only.
/// </summary>
/// <typeparam name="T">The event type.</typeparam>
internal abstract class EventStreamResult<T> : IActionResult
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = WireJson.Options.Encoder, SkipValidation = true };

    private IAsyncEnumerator<T>? _events;
    private bool _hasCurrent;

    /// <summary>Writes one event.</summary>
    protected abstract void WriteEvent(EventWriter writer, T item);

    /// <summary>Writes what follows the last event of a stream that ended normally.</summary>
    protected abstract void WriteEnd(EventWriter writer);

    /// <summary>Writes the event that ends a stream which failed after it started.</summary>
    protected abstract void WriteFailure(EventWriter writer, ApiError error);

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no"; // tells nginx-style proxies not to buffer either
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(GetType());
        var metrics = http.RequestServices.GetService<GatewayMetrics>();
        metrics?.StreamStarted();
        var aborted = http.RequestAborted;
        var body = response.BodyWriter;
        await using var events = _events!;
        using var json = new Utf8JsonWriter(body, WriterOptions);
        var writer = new EventWriter(body, json);
        try
        {
            if (_hasCurrent)
            {
                do
                {
                    WriteEvent(writer, events.Current);
                    if ((await body.FlushAsync(aborted)).IsCompleted)
                    {
                        return; // the client is gone
                    }
                }
                while (await events.MoveNextAsync());
            }

            WriteEnd(writer);
            await body.FlushAsync(aborted);
        }
        catch (OperationCanceledException) when (ShutdownDeadlineMiddleware.IsPastDeadline(http))
        {
            // The gateway is stopping and this stream ran out of time: say so rather than cut the connection.
            StreamLog.CutByShutdown(logger);
            http.Features.Get<RequestRecord>()?.StreamErrorStatus = ShutdownDeadlineMiddleware.ShuttingDown.StatusCode;
            WriteFailure(writer, ShutdownDeadlineMiddleware.ShuttingDown);
            await body.FlushAsync(CancellationToken.None);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            StreamLog.ClientDisconnected(logger);
        }
        catch (Exception ex)
        {
            var error = ExceptionErrors.From(ex, http.TraceIdentifier);
            if (ex is ChatProviderException provider)
            {
                // Expected: logged without the upstream's text above Debug (see ProviderFailureLog).
                ProviderFailureLog.Log(logger, provider, error.StatusCode, inStream: true);
            }
            else
            {
                StreamLog.Failed(logger, error.StatusCode, ex);
            }

            http.Features.Get<RequestRecord>()?.StreamErrorStatus = error.StatusCode;
            WriteFailure(writer, error);
            await body.FlushAsync(aborted);
        }
        finally
        {
            metrics?.StreamEnded();
        }
    }

    /// <summary>Starts the enumeration and waits for the first event (or the first failure, which is thrown).</summary>
    protected static async Task<TResult> StartAsync<TResult>(IAsyncEnumerable<T> events, TResult result, CancellationToken cancellationToken)
        where TResult : EventStreamResult<T>
    {
        RequestRecord.Current?.Stream = true;
        var enumerator = events.GetAsyncEnumerator(cancellationToken);
        try
        {
            result._hasCurrent = await enumerator.MoveNextAsync();
            result._events = enumerator;
            return result;
        }
        catch
        {
            await enumerator.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes server-sent event frames into the response body.</summary>
    protected readonly struct EventWriter(PipeWriter body, Utf8JsonWriter json)
    {
        /// <summary>Writes <c>event: {name}\n</c> (when named) and <c>data: {json}\n\n</c>. The JSON is never indented.</summary>
        public void Write<TValue>(string? eventName, TValue value, JsonTypeInfo<TValue> typeInfo)
        {
            if (eventName is not null)
            {
                body.Write("event: "u8);
                body.Write(Encoding.UTF8.GetBytes(eventName));
                body.Write("\n"u8);
            }

            body.Write("data: "u8);
            json.Reset(body);
            JsonSerializer.Serialize(json, value, typeInfo);
            body.Write("\n\n"u8);
        }

        /// <summary>Writes bytes as they are.</summary>
        public void WriteRaw(ReadOnlySpan<byte> bytes) => body.Write(bytes);

        /// <summary>Starts a <c>data:</c> line whose JSON the caller writes into the returned writer; then <see cref="EndData"/>.</summary>
        public Utf8JsonWriter StartData()
        {
            body.Write("data: "u8);
            json.Reset(body);
            return json;
        }

        /// <summary>Ends the <c>data:</c> line that <see cref="StartData"/> began.</summary>
        public void EndData()
        {
            json.Flush();
            body.Write("\n\n"u8);
        }
    }
}

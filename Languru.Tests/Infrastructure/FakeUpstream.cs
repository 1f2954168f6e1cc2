using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Languru.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 standing in for an upstream (OpenAI-compatible or Ollama). It records every request
/// and answers with <see cref="Handler"/>, which tests set to raw wire fixtures.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private FakeUpstream(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseUrl { get; }

    public Func<HttpContext, Task> Handler { get; set; } = context =>
    {
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return Task.CompletedTask;
    };

    /// <summary>Whether requests are kept for <see cref="Requests"/>; turn off for load tests.</summary>
    public bool RecordRequests { get; set; } = true;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public RecordedRequest LastRequest => _requests.Last();

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeUpstream? upstream = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            context.RequestAborted.Register(() => aborted.TrySetResult());
            var recorded = new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body,
                aborted.Task);
            context.Items[typeof(RecordedRequest)] = recorded; // this request's own record, for handlers serving many at once
            if (upstream!.RecordRequests)
            {
                upstream._requests.Enqueue(recorded);
            }

            await upstream.Handler(context);
        });
        await app.StartAsync();
        upstream = new FakeUpstream(app, new Uri(app.Urls.Single().TrimEnd('/') + "/"));
        return upstream;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>What the fake upstream received.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, Task Aborted)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}

/// <summary>Answers for <see cref="FakeUpstream.Handler"/>, byte for byte as given.</summary>
public static class Respond
{
    public static Func<HttpContext, Task> Json(string json, int status = 200, params (string Name, string Value)[] headers) => async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(json, context.RequestAborted);
    };

    /// <summary>Sends each frame as written (include the <c>data: </c> prefix and blank lines), flushed, with a pause between.</summary>
    public static Func<HttpContext, Task> Stream(string contentType, IEnumerable<string> frames, TimeSpan pause = default, bool breakAtTheEnd = false) => async context =>
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = contentType;
        foreach (var frame in frames)
        {
            await context.Response.WriteAsync(frame, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, context.RequestAborted);
            }
        }

        if (breakAtTheEnd)
        {
            context.Abort();
        }
    };

    /// <summary>
    /// Sends the first <paramref name="held"/> frames, then holds the rest until <paramref name="release"/> completes:
    /// a client that must see the first frames before releasing proves that nothing between batches them.
    /// </summary>
    public static Func<HttpContext, Task> StreamHeld(string contentType, IReadOnlyList<string> frames, int held, Task release) => async context =>
    {
        await Stream(contentType, frames.Take(held))(context);
        await release.WaitAsync(context.RequestAborted);
        foreach (var frame in frames.Skip(held))
        {
            await context.Response.WriteAsync(frame, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    };

    public static Func<HttpContext, Task> Sse(IEnumerable<string> frames, TimeSpan pause = default, bool breakAtTheEnd = false) =>
        Stream("text/event-stream", frames, pause, breakAtTheEnd);

    /// <summary>Never answers; returns when the caller gives up.</summary>
    public static Func<HttpContext, Task> Never() => async context =>
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    };

    /// <summary>Sends the frames, then waits until the caller gives up.</summary>
    public static Func<HttpContext, Task> SseThenWait(params string[] frames) => async context =>
    {
        await Sse(frames)(context);
        await Never()(context);
    };
}

using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Languru.Tests.Infrastructure;

/// <summary>
/// Fault-injecting upstreams for <see cref="FakeUpstream.Handler"/>, OpenAI-type and Ollama, each speaking its exact
/// wire format. The fault is chosen per request by the model name the gateway sends upstream (the names below), so one
/// upstream serves every fault, concurrently; whether the request asked for a stream picks the mode.
/// </summary>
public static class Faults
{
    /// <summary>A normal, complete answer.</summary>
    public const string Ok = "ok";

    /// <summary>Takes the request and never answers (not even headers).</summary>
    public const string Never = "never";

    /// <summary>Sends <c>200</c> and its headers, then nothing.</summary>
    public const string HeadersThenSilence = "headers-then-silence";

    /// <summary><c>429</c> with <c>Retry-After: 7</c>.</summary>
    public const string RateLimited = "429-retry-after";

    /// <summary><c>429</c> with <c>retry-after-ms: 1500</c> (OpenAI's own header) and no <c>Retry-After</c>.</summary>
    public const string RateLimitedMs = "429-retry-after-ms";

    /// <summary><c>500</c> with the upstream's JSON error.</summary>
    public const string ServerError = "500";

    /// <summary><c>500</c> with an empty body.</summary>
    public const string ServerErrorEmpty = "500-empty";

    /// <summary><c>502</c> with a proxy's HTML page.</summary>
    public const string BadGatewayHtml = "502-html";

    /// <summary><c>502</c> with an empty body.</summary>
    public const string BadGatewayEmpty = "502-empty";

    /// <summary><c>503</c> with the upstream's JSON error and <c>Retry-After: 3</c>.</summary>
    public const string Unavailable = "503";

    /// <summary><c>503</c> with an empty body.</summary>
    public const string UnavailableEmpty = "503-empty";

    /// <summary><c>200</c> with an HTML page (a captive portal, a misrouted proxy).</summary>
    public const string Html = "html";

    /// <summary><c>200</c> with truncated JSON (as a whole answer, or as the first stream event).</summary>
    public const string InvalidJson = "invalid-json";

    /// <summary>A complete stream whose finish arrives, but whose terminator (<c>[DONE]</c>, Ollama: none needed) does not.</summary>
    public const string NoDone = "no-done";

    /// <summary>A stream that closes cleanly after some text, with no finish and no terminator.</summary>
    public const string NoFinish = "no-finish";

    /// <summary>A stream that sends some text, then junk lines, then closes cleanly.</summary>
    public const string NoFinishJunk = "no-finish-junk";

    /// <summary>A stream (or a whole answer) whose connection is reset after some bytes.</summary>
    public const string Reset = "reset";

    /// <summary>A complete answer sent a few bytes at a time, with pauses shorter than the gateway's deadlines.</summary>
    public const string SlowDrip = "slow-drip";

    /// <summary>A stream that sends its first chunk, then stalls forever.</summary>
    public const string Stall = "stall";

    /// <summary>A complete stream one of whose chunks carries 1 MB of text.</summary>
    public const string OneMegabyte = "1mb";

    /// <summary>A stream that sends some text, then an error event.</summary>
    public const string ErrorEvent = "error-event";

    /// <summary>As <see cref="ErrorEvent"/>, with JSON whitespace before the <c>error</c> key (<c>{ "error": …}</c>).</summary>
    public const string ErrorEventSpaced = "error-event-spaced";

    /// <summary>The text of <see cref="OneMegabyte"/>'s big chunk.</summary>
    public static readonly string Megabyte = new('x', 1024 * 1024);

    /// <summary>What a proxy in front of an upstream sends on an error or a misroute.</summary>
    public const string NginxPage = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n";

    /// <summary>An OpenAI-type upstream (<c>/v1/chat/completions</c>, SSE).</summary>
    public static Task OpenAI(HttpContext context)
    {
        var (model, stream) = Read(context);
        return model switch
        {
            Ok or SlowDrip => stream
                ? Send(context, "text/event-stream", OpenAIFixtures.StreamedAnswer, model == SlowDrip)
                : Send(context, "application/json", [OpenAIFixtures.PlainAnswer], model == SlowDrip),
            Never => Respond.Never()(context),
            HeadersThenSilence => HeadersThenSilenceAsync(context, stream ? "text/event-stream" : "application/json"),
            RateLimited => Respond.Json(OpenAIFixtures.Error("Rate limit reached for requests", "requests", code: "rate_limit_exceeded"), 429, ("Retry-After", "7"))(context),
            RateLimitedMs => Respond.Json(OpenAIFixtures.Error("Rate limit reached for tokens", "tokens", code: "rate_limit_exceeded"), 429, ("retry-after-ms", "1500"))(context),
            ServerError => Respond.Json(OpenAIFixtures.Error("The server had an error while processing your request.", "server_error"), 500)(context),
            Unavailable => Respond.Json(OpenAIFixtures.Error("The engine is currently overloaded.", "server_error"), 503, ("Retry-After", "3"))(context),
            ServerErrorEmpty => Status(context, 500),
            BadGatewayEmpty => Status(context, 502),
            UnavailableEmpty => Status(context, 503),
            BadGatewayHtml => Send(context, "text/html", [NginxPage], status: 502),
            Html => Send(context, "text/html", [NginxPage.Replace("502 Bad Gateway", "Welcome", StringComparison.Ordinal)]),
            InvalidJson => stream
                ? Send(context, "text/event-stream", ["data: {\"id\":\"chatcmpl-up4\",\"object\":\"chat.comp\n\n"])
                : Send(context, "application/json", ["{\"id\":\"chatcmpl-up1\",\"object\":\"chat.comp"]),
            NoDone => Send(context, "text/event-stream", OpenAIFixtures.StreamedAnswer[..^1]),
            NoFinish => Send(context, "text/event-stream", OpenAIFixtures.StreamedAnswer[..2]),
            NoFinishJunk => Send(context, "text/event-stream", [.. OpenAIFixtures.StreamedAnswer[..2], "<html>\n", "upstream worker restarted\n\n"]),
            Reset => stream
                ? Send(context, "text/event-stream", OpenAIFixtures.StreamedAnswer[..2], reset: true)
                : Send(context, "application/json", [OpenAIFixtures.PlainAnswer[..40]], reset: true),
            Stall => StallAsync(context, "text/event-stream", OpenAIFixtures.StreamedAnswer[0]),
            OneMegabyte => Send(context, "text/event-stream",
                [OpenAIFixtures.StreamedAnswer[0], OpenAIFixtures.Chunk($$"""{"content":"{{Megabyte}}"}"""), .. OpenAIFixtures.StreamedAnswer[4..]]),
            ErrorEvent => Send(context, "text/event-stream",
                [.. OpenAIFixtures.StreamedAnswer[..2], "data: " + OpenAIFixtures.Error("The model crashed while generating.", "server_error") + "\n\n"]),
            ErrorEventSpaced => Send(context, "text/event-stream",
                [.. OpenAIFixtures.StreamedAnswer[..2], "data: { " + OpenAIFixtures.Error("The model crashed while generating.", "server_error")[1..] + "\n\n"]),
            _ => Status(context, 418),
        };
    }

    /// <summary>An Ollama upstream (<c>/api/chat</c>, NDJSON; <c>/api/tags</c> lists nothing).</summary>
    public static Task Ollama(HttpContext context)
    {
        if (context.Request.Path == "/api/tags")
        {
            return Respond.Json("""{"models":[]}""")(context);
        }

        var (model, stream) = Read(context);
        string[] answer = [OllamaFixtures.Line("The", model), OllamaFixtures.Line(" sky", model), OllamaFixtures.Final(model: model)];
        return model switch
        {
            Ok or SlowDrip or NoDone => stream
                ? Send(context, "application/x-ndjson", answer, model == SlowDrip)
                : Send(context, "application/json", [OllamaFixtures.WholeAnswer], model == SlowDrip),
            Never => Respond.Never()(context),
            HeadersThenSilence => HeadersThenSilenceAsync(context, stream ? "application/x-ndjson" : "application/json"),
            RateLimited => Respond.Json(OllamaFixtures.Error("too many requests"), 429, ("Retry-After", "7"))(context),
            RateLimitedMs => Respond.Json(OllamaFixtures.Error("too many requests"), 429, ("retry-after-ms", "1500"))(context),
            ServerError => Respond.Json(OllamaFixtures.Error("llama runner process has terminated: signal: killed"), 500)(context),
            Unavailable => Respond.Json(OllamaFixtures.Error("server busy, please try again.  maximum pending requests exceeded"), 503)(context),
            ServerErrorEmpty => Status(context, 500),
            BadGatewayEmpty => Status(context, 502),
            UnavailableEmpty => Status(context, 503),
            BadGatewayHtml => Send(context, "text/html", [NginxPage], status: 502),
            Html => Send(context, "text/html", [NginxPage.Replace("502 Bad Gateway", "Welcome", StringComparison.Ordinal)]),
            InvalidJson => Send(context, stream ? "application/x-ndjson" : "application/json", ["{\"model\":\"m\",\"created_at\":\"2023-08-04T08:5\n"]),
            NoFinish => Send(context, "application/x-ndjson", answer[..2]),
            NoFinishJunk => Send(context, "application/x-ndjson", [.. answer[..2], "\n", "\n"]),
            Reset => stream
                ? Send(context, "application/x-ndjson", answer[..2], reset: true)
                : Send(context, "application/json", [OllamaFixtures.WholeAnswer[..40]], reset: true),
            Stall => StallAsync(context, "application/x-ndjson", answer[0]),
            OneMegabyte => Send(context, "application/x-ndjson", [answer[0], OllamaFixtures.Line(Megabyte, model), answer[2]]),
            ErrorEvent => Send(context, "application/x-ndjson", [.. answer[..2], OllamaFixtures.Error("an error was encountered while running the model: unexpected EOF") + "\n"]),
            _ => Status(context, 418),
        };
    }

    private static (string Model, bool Stream) Read(HttpContext context)
    {
        var body = ((RecordedRequest)context.Items[typeof(RecordedRequest)]!).Json;
        var stream = body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        return (body.GetProperty("model").GetString()!, stream);
    }

    private static Task Status(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>Sends the parts flushed one by one; dripped: each part in pieces of 16 bytes, 5 ms apart; reset: aborts at the end.</summary>
    private static async Task Send(HttpContext context, string contentType, IEnumerable<string> parts, bool drip = false, bool reset = false, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        foreach (var part in parts)
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            for (var at = 0; at < bytes.Length; at += drip ? 16 : bytes.Length)
            {
                await context.Response.Body.WriteAsync(bytes.AsMemory(at, Math.Min(drip ? 16 : bytes.Length, bytes.Length - at)), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                if (drip)
                {
                    await Task.Delay(5, context.RequestAborted);
                }
            }
        }

        if (reset)
        {
            await Task.Delay(100, context.RequestAborted); // lets the bytes be read first: a reset may discard unread data
            context.Abort();
        }
    }

    private static async Task HeadersThenSilenceAsync(HttpContext context, string contentType)
    {
        context.Response.ContentType = contentType;
        await context.Response.Body.FlushAsync(context.RequestAborted);
        await Respond.Never()(context);
    }

    private static async Task StallAsync(HttpContext context, string contentType, string first)
    {
        await Send(context, contentType, [first]);
        await Respond.Never()(context);
    }
}

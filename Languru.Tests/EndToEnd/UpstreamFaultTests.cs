using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.EndToEnd;

/// <summary>
/// Every upstream fault, for both HTTP provider types, in both modes (whole answer and stream), through a real gateway:
/// each case asserts exactly what the client sees (status, <c>Retry-After</c>, and the whole body or every event).
/// </summary>
public partial class UpstreamFaultTests
{
    private FakeUpstream _upstream = null!;
    private Blackhole _blackhole = null!;
    private LanguruFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _upstream = await FakeUpstream.StartAsync();
        _blackhole = new Blackhole();
        _upstream.Handler = context => context.Request.Path.StartsWithSegments("/api") ? Faults.Ollama(context) : Faults.OpenAI(context);
        _factory = new LanguruFactory()
            .With("Languru:Providers:faulty:Type", "openai")
            .With("Languru:Providers:faulty:BaseUrl", new Uri(_upstream.BaseUrl, "v1").ToString())
            .With("Languru:Providers:faulty-ollama:Type", "ollama")
            .With("Languru:Providers:faulty-ollama:BaseUrl", _upstream.BaseUrl.ToString())
            .With("Languru:Providers:refused:Type", "openai")
            .With("Languru:Providers:refused:BaseUrl", $"http://127.0.0.1:{ClosedPort()}/v1")
            .With("Languru:Providers:refused-ollama:Type", "ollama")
            .With("Languru:Providers:refused-ollama:BaseUrl", $"127.0.0.1:{ClosedPort()}")
            .With("Languru:Providers:blackhole:Type", "openai")
            .With("Languru:Providers:blackhole:BaseUrl", $"http://127.0.0.1:{_blackhole.Port}/v1")
            .With("Languru:Providers:blackhole-ollama:Type", "ollama")
            .With("Languru:Providers:blackhole-ollama:BaseUrl", $"127.0.0.1:{_blackhole.Port}");
        foreach (var provider in new[] { "faulty", "faulty-ollama", "refused", "refused-ollama", "blackhole", "blackhole-ollama" })
        {
            _factory.With($"Languru:Providers:{provider}:TimeToFirstToken", "00:00:01")
                .With($"Languru:Providers:{provider}:IdleTimeout", "00:00:00.5")
                .With($"Languru:Providers:{provider}:ConnectTimeout", "00:00:00.3")
                .With($"Languru:Providers:{provider}:Timeout", "00:00:02");
        }

        _client = new HttpClient { BaseAddress = _factory.StartKestrel() };
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _upstream.DisposeAsync();
        _blackhole.Dispose();
    }

    [TestCaseSource(nameof(OpenAICases))]
    [TestCaseSource(nameof(OllamaCases))]
    public async Task Fault_ClientSeesExactly(string model, bool stream, string expected)
    {
        // Act
        var seen = await PostAsync(model, stream);

        // Assert
        Assert.That(seen, Is.EqualTo(expected));
    }

    /// <summary>Posts and describes the answer: <c>status [Retry-After: n]</c>, then the body, or each event on a line of its own.</summary>
    private async Task<string> PostAsync(string model, bool stream)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var json = $$"""{"model":"{{model}}","messages":[{"role":"user","content":"Hi"}],"stream":{{(stream ? "true" : "false")}}}""";
        using var response = await _client.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"), guard.Token);
        var body = CompletionId().Replace(await response.Content.ReadAsStringAsync(guard.Token), "chatcmpl-ID");
        var head = $"{(int)response.StatusCode}{(response.Headers.RetryAfter is { } retry ? $" Retry-After: {retry}" : "")}";
        var isStream = response.Content.Headers.ContentType?.MediaType == "text/event-stream";
        return isStream ? head + "\n" + string.Join("\n", ServerSentEvents.Data(body)) : head + "\n" + body;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex("chatcmpl-[A-Za-z0-9]{29}")]
    private static partial Regex CompletionId();

    private static TestCaseData Case(string provider, string fault, bool stream, string expected) =>
        new TestCaseData($"{provider}/{fault}", stream, expected).SetName($"Fault_{provider}_{fault}_{(stream ? "stream" : "whole")}");

    private static string Error(int status, string message, string type = "server_error", string code = "upstream_error", int? retryAfter = null) =>
        $"{status}{(retryAfter is { } r ? $" Retry-After: {r}" : "")}\n" +
        $$$"""{"error":{"message":"{{{message}}}","type":"{{{type}}}","param":null,"code":"{{{code}}}"}}""";

    private static string Idle(string upstream, string provider) =>
        $"{upstream} sent nothing for 00:00:00.5000000 in the middle of the stream (Languru:Providers:{provider}:IdleTimeout).";

    private static string Timeout(string upstream, string provider, bool firstToken) => firstToken
        ? $"{upstream} sent no first token within 00:00:01 (Languru:Providers:{provider}:TimeToFirstToken)."
        : $"{upstream} did not finish within 00:00:02 (Languru:Providers:{provider}:Timeout).";

    /// <summary>A stream as the client sees it: 200, then these events.</summary>
    private static string Events(params string[] events) => "200\n" + string.Join("\n", events);

    private static string InStreamError(string message, string type = "server_error", string code = "upstream_error") =>
        $$$"""{"error":{"message":"{{{message}}}","type":"{{{type}}}","param":null,"code":"{{{code}}}"}}""";

    private static string OpenAIChunk(string fault, string delta, string? finish = null) =>
        $$$"""{"id":"chatcmpl-ID","object":"chat.completion.chunk","created":1700000000,"model":"faulty/{{{fault}}}","system_fingerprint":"fp_up_2","choices":[{"index":0,"delta":{{{delta}}},"logprobs":null,"finish_reason":{{{(finish is null ? "null" : $"\"{finish}\"")}}}}]}""";

    private static string[] OpenAIAnswer(string fault) =>
    [
        OpenAIChunk(fault, """{"role":"assistant","content":""}"""),
        OpenAIChunk(fault, """{"content":"Hello"}"""),
        OpenAIChunk(fault, """{"content":" there"}"""),
        OpenAIChunk(fault, """{"content":"!"}"""),
        OpenAIChunk(fault, """{"content":""}""", "stop"),
        "[DONE]",
    ];

    private static string OpenAIWhole(string fault) =>
        "200\n" + $$$"""{"id":"chatcmpl-ID","object":"chat.completion","created":1700000000,"model":"faulty/{{{fault}}}","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from upstream!","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"service_tier":"default","usage":{"prompt_tokens":19,"completion_tokens":5,"total_tokens":24,"prompt_tokens_details":{"cached_tokens":16},"completion_tokens_details":{"reasoning_tokens":2}},"system_fingerprint":"fp_up_1"}""";

    private static IEnumerable<TestCaseData> OpenAICases()
    {
        const string P = "faulty";
        const string Up = "The upstream 'faulty'";
        const string Unreadable = $"{Up} sent an answer the gateway could not read.";
        foreach (var stream in new[] { false, true })
        {
            yield return Case(P, Faults.Ok, stream, stream ? Events(OpenAIAnswer(Faults.Ok)) : OpenAIWhole(Faults.Ok));
            yield return Case(P, Faults.SlowDrip, stream, stream ? Events(OpenAIAnswer(Faults.SlowDrip)) : OpenAIWhole(Faults.SlowDrip));
            yield return Case(P, Faults.Never, stream, Error(504, Timeout(Up, P, stream), "timeout_error", "upstream_timeout"));
            yield return Case(P, Faults.HeadersThenSilence, stream, Error(504, Timeout(Up, P, stream), "timeout_error", "upstream_timeout"));
            yield return Case(P, Faults.RateLimited, stream, Error(429, "Rate limit reached for requests", "rate_limit_error", "rate_limit_exceeded", 7));
            yield return Case(P, Faults.RateLimitedMs, stream, Error(429, "Rate limit reached for tokens", "rate_limit_error", "rate_limit_exceeded", 2));
            yield return Case(P, Faults.ServerError, stream, Error(502, $"{Up} failed with 500: The server had an error while processing your request."));
            yield return Case(P, Faults.ServerErrorEmpty, stream, Error(502, $"{Up} failed with 500."));
            yield return Case(P, Faults.BadGatewayHtml, stream, Error(502, $"{Up} failed with 502."));
            yield return Case(P, Faults.BadGatewayEmpty, stream, Error(502, $"{Up} failed with 502."));
            yield return Case(P, Faults.Unavailable, stream, Error(503, $"{Up} is unavailable (503): The engine is currently overloaded.", code: "upstream_unavailable", retryAfter: 3));
            yield return Case(P, Faults.UnavailableEmpty, stream, Error(503, $"{Up} is unavailable (503).", code: "upstream_unavailable"));
            yield return Case(P, Faults.Html, stream, Error(502, stream ? $"{Up} answered a stream request with 'text/html', not server-sent events." : Unreadable));
            yield return Case(P, Faults.InvalidJson, stream, Error(502, Unreadable));
            yield return Case(P, Faults.Reset, stream, stream
                ? Events(OpenAIAnswer(Faults.Reset)[0], OpenAIAnswer(Faults.Reset)[1], InStreamError($"The connection to the upstream 'faulty' broke before the answer was complete."))
                : Error(502, "The connection to the upstream 'faulty' broke before the answer was complete."));
        }

        // Faults only a stream can have.
        const string Cut = $"{Up} closed the stream before the answer finished (no finish_reason); the answer is incomplete.";
        yield return Case(P, Faults.NoDone, true, Events(OpenAIAnswer(Faults.NoDone)));
        yield return Case(P, Faults.NoFinish, true, Events(OpenAIAnswer(Faults.NoFinish)[0], OpenAIAnswer(Faults.NoFinish)[1], InStreamError(Cut)));
        yield return Case(P, Faults.NoFinishJunk, true, Events(OpenAIAnswer(Faults.NoFinishJunk)[0], OpenAIAnswer(Faults.NoFinishJunk)[1], InStreamError(Cut)));
        yield return Case(P, Faults.Stall, true, Events(OpenAIAnswer(Faults.Stall)[0], InStreamError(Idle(Up, P), "timeout_error", "upstream_timeout")));
        yield return Case(P, Faults.ErrorEvent, true, Events(OpenAIAnswer(Faults.ErrorEvent)[0], OpenAIAnswer(Faults.ErrorEvent)[1],
            InStreamError($"{Up} reported an error mid-stream: The model crashed while generating.")));
        var big = OpenAIAnswer(Faults.OneMegabyte);
        yield return Case(P, Faults.OneMegabyte, true, Events(big[0], OpenAIChunk(Faults.OneMegabyte, $$"""{"content":"{{Faults.Megabyte}}"}"""), big[4], big[5]));
    }

    private static string OllamaChunk(string fault, string delta, string? finish = null) =>
        $$$"""{"id":"chatcmpl-ID","object":"chat.completion.chunk","created":1700000000,"model":"faulty-ollama/{{{fault}}}","choices":[{"index":0,"delta":{{{delta}}},"logprobs":null,"finish_reason":{{{(finish is null ? "null" : $"\"{finish}\"")}}}}]}""";

    private static string[] OllamaAnswer(string fault) =>
    [
        OllamaChunk(fault, """{"role":"assistant","content":"The"}"""),
        OllamaChunk(fault, """{"content":" sky"}"""),
        OllamaChunk(fault, """{"content":""}""", "stop"),
        "[DONE]",
    ];

    private static string OllamaWhole(string fault) =>
        "200\n" + $$$"""{"id":"chatcmpl-ID","object":"chat.completion","created":1700000000,"model":"faulty-ollama/{{{fault}}}","choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How are you today?","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":26,"completion_tokens":298,"total_tokens":324}}""";

    private static IEnumerable<TestCaseData> OllamaCases()
    {
        const string P = "faulty-ollama";
        const string Up = "Ollama ('faulty-ollama')";
        const string Unreadable = $"{Up} sent a line the gateway could not read.";
        foreach (var stream in new[] { false, true })
        {
            yield return Case(P, Faults.Ok, stream, stream ? Events(OllamaAnswer(Faults.Ok)) : OllamaWhole(Faults.Ok));
            yield return Case(P, Faults.SlowDrip, stream, stream ? Events(OllamaAnswer(Faults.SlowDrip)) : OllamaWhole(Faults.SlowDrip));
            yield return Case(P, Faults.Never, stream, Error(504, Timeout(Up, P, stream), "timeout_error", "upstream_timeout"));
            yield return Case(P, Faults.HeadersThenSilence, stream, Error(504, Timeout(Up, P, stream), "timeout_error", "upstream_timeout"));
            yield return Case(P, Faults.RateLimited, stream, Error(429, "too many requests", "rate_limit_error", "rate_limit_exceeded", 7));
            yield return Case(P, Faults.ServerError, stream, Error(502, $"{Up} failed with 500: llama runner process has terminated: signal: killed"));
            yield return Case(P, Faults.ServerErrorEmpty, stream, Error(502, $"{Up} failed with 500."));
            yield return Case(P, Faults.BadGatewayHtml, stream, Error(502, $"{Up} failed with 502."));
            yield return Case(P, Faults.BadGatewayEmpty, stream, Error(502, $"{Up} failed with 502."));
            yield return Case(P, Faults.Unavailable, stream, Error(503, $"{Up} is busy: server busy, please try again.  maximum pending requests exceeded", code: "upstream_unavailable", retryAfter: 1));
            yield return Case(P, Faults.UnavailableEmpty, stream, Error(503, $"{Up} is busy.", code: "upstream_unavailable", retryAfter: 1));
            yield return Case(P, Faults.Html, stream, Error(502, Unreadable));
            yield return Case(P, Faults.InvalidJson, stream, Error(502, Unreadable));
            yield return Case(P, Faults.Reset, stream, stream
                ? Events(OllamaAnswer(Faults.Reset)[0], OllamaAnswer(Faults.Reset)[1], InStreamError($"The connection to {Up} broke before the answer was complete."))
                : Error(502, $"The connection to {Up} broke before the answer was complete."));
        }

        // Faults only a stream can have (Ollama has no terminator after its final line, so there is no "no [DONE]").
        const string Cut = $"{Up} ended the stream before its final line.";
        yield return Case(P, Faults.NoFinish, true, Events(OllamaAnswer(Faults.NoFinish)[0], OllamaAnswer(Faults.NoFinish)[1], InStreamError(Cut)));
        yield return Case(P, Faults.NoFinishJunk, true, Events(OllamaAnswer(Faults.NoFinishJunk)[0], OllamaAnswer(Faults.NoFinishJunk)[1], InStreamError(Cut)));
        yield return Case(P, Faults.Stall, true, Events(OllamaAnswer(Faults.Stall)[0], InStreamError(Idle(Up, P), "timeout_error", "upstream_timeout")));
        yield return Case(P, Faults.ErrorEvent, true, Events(OllamaAnswer(Faults.ErrorEvent)[0], OllamaAnswer(Faults.ErrorEvent)[1],
            InStreamError($"{Up} reported an error mid-stream: an error was encountered while running the model: unexpected EOF")));
        var big = OllamaAnswer(Faults.OneMegabyte);
        yield return Case(P, Faults.OneMegabyte, true, Events(big[0], OllamaChunk(Faults.OneMegabyte, $$"""{"content":"{{Faults.Megabyte}}"}"""), big[2], big[3]));
    }

    [Test]
    public async Task Fault_RefusedConnection_Is503NamingTheProviderNotItsAddress([Values("refused", "refused-ollama")] string provider, [Values] bool stream)
    {
        // Act
        var seen = await PostAsync($"{provider}/m", stream);

        // Assert
        Assert.That(seen, Is.EqualTo(Error(503, provider == "refused" ? "Could not reach the upstream 'refused'." : "Ollama ('refused-ollama') is not reachable.", code: "upstream_unavailable")));
    }

    [Test]
    public async Task Fault_ConnectionNeverEstablished_Is503NamingConnectTimeout([Values("blackhole", "blackhole-ollama")] string provider, [Values] bool stream)
    {
        // Act
        var seen = await PostAsync($"{provider}/m", stream);

        // Assert
        var upstream = provider == "blackhole" ? "The upstream 'blackhole'" : "Ollama ('blackhole-ollama')";
        Assert.That(seen, Is.EqualTo(Error(503, $"{upstream} could not be connected to within its ConnectTimeout (Languru:Providers:{provider}:ConnectTimeout).", code: "upstream_unavailable")));
    }

    /// <summary>
    /// A port whose TCP handshake never completes: a listener with a backlog of one that never accepts, its queue filled
    /// by a connection of its own, so that the kernel drops every further SYN.
    /// </summary>
    private sealed class Blackhole : IDisposable
    {
        private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        private readonly Socket _filler = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        public Blackhole()
        {
            _listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
            _listener.Listen(0);
            Port = ((System.Net.IPEndPoint)_listener.LocalEndPoint!).Port;
            _filler.Connect(System.Net.IPAddress.Loopback, Port);
        }

        public int Port { get; }

        public void Dispose()
        {
            _filler.Dispose();
            _listener.Dispose();
        }
    }
}

using System.Net;
using System.Text;
using Languru.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Languru.Tests.EndToEnd;

/// <summary>
/// A real gateway in front of two fake OpenAI-compatible upstreams and a fake Ollama (real Kestrel, exact wire
/// fixtures): fail-over before the first byte and not after, retries counted by the upstreams, the headers.
/// </summary>
public class RoutesThroughTheGatewayTests
{
    private FakeUpstream _a = null!;
    private FakeUpstream _b = null!;
    private FakeUpstream _ollama = null!;
    private LanguruFactory _factory = null!;
    private HttpClient _client = null!;
    private readonly SteppingTimeProvider _time = new();

    [OneTimeSetUp]
    public async Task Start()
    {
        _a = await FakeUpstream.StartAsync();
        _b = await FakeUpstream.StartAsync();
        _ollama = await FakeUpstream.StartAsync();
        _factory = new LanguruFactory()
            .With("Languru:Providers:vllm-a:Type", "openai")
            .With("Languru:Providers:vllm-a:BaseUrl", new Uri(_a.BaseUrl, "v1").ToString())
            .With("Languru:Providers:vllm-b:Type", "openai")
            .With("Languru:Providers:vllm-b:BaseUrl", new Uri(_b.BaseUrl, "v1").ToString())
            .With("Languru:Providers:retrying:Type", "openai")
            .With("Languru:Providers:retrying:BaseUrl", new Uri(_a.BaseUrl, "v1").ToString())
            .With("Languru:Providers:retrying:MaxRetries", "2")
            .With("Languru:Providers:local:Type", "ollama")
            .With("Languru:Providers:local:BaseUrl", _ollama.BaseUrl.ToString())
            .With("Languru:Providers:local:RouteListedModels", "false")
            .With("Languru:Providers:local:MaxRetries", "2")
            .With("Languru:Routes:llama:Targets:0", "vllm-a/llama-3.1-8b")
            .With("Languru:Routes:llama:Fallbacks:0", "vllm-b/llama-3.1-8b-instruct")
            .WithServices(s => s.AddSingleton<TimeProvider>(_time));
        _client = new HttpClient { BaseAddress = _factory.StartKestrel() };
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _ollama.DisposeAsync();
    }

    /// <summary>The n-th request gets the n-th answer; the last answer repeats.</summary>
    private static Func<HttpContext, Task> InTurn(params Func<HttpContext, Task>[] answers)
    {
        var count = -1;
        return context => answers[Math.Min(Interlocked.Increment(ref count), answers.Length - 1)](context);
    }

    private Task<HttpResponseMessage> PostAsync(string json) =>
        _client.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "(none)";

    [Test]
    public async Task Stream_TargetFailsBeforeTheFirstByte_TheFallbackAnswers_UnderTheClientsModelName()
    {
        // Arrange
        _a.Handler = Respond.Json(OpenAIFixtures.Error("The server is overloaded.", "server_error"), 503);
        _b.Handler = Respond.Sse(OpenAIFixtures.StreamedAnswer);
        var (a, b) = (_a.Requests.Count, _b.Requests.Count);

        // Act
        var response = await PostAsync("""{"model":"llama","messages":[{"role":"user","content":"Hi"}],"stream":true}""");
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var chunks = ServerSentEvents.Chunks(body);
        Assert.That(string.Concat(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var t) ? t.GetString() : "")),
            Is.EqualTo("Hello there!"));
        Assert.That(chunks.Select(c => c.GetProperty("model").GetString()), Is.All.EqualTo("llama"));
        Assert.That(ServerSentEvents.Data(body)[^1], Is.EqualTo("[DONE]"));
        Assert.That((Header(response, "x-languru-provider"), Header(response, "x-languru-model")), Is.EqualTo(("vllm-b", "llama-3.1-8b-instruct")));
        Assert.That((_a.Requests.Count - a, _b.Requests.Count - b), Is.EqualTo((1, 1)));
        Assert.That(_b.LastRequest.Json.GetProperty("model").GetString(), Is.EqualTo("llama-3.1-8b-instruct"));
    }

    [Test]
    public async Task Stream_TargetFailsAfterTheFirstByte_NothingIsSwitched_TheStreamEndsWithAnError()
    {
        // Arrange: two chunks; once the client has the first, the connection breaks.
        var clientHasIt = new TaskCompletionSource();
        _a.Handler = async context =>
        {
            await Respond.Sse(OpenAIFixtures.StreamedAnswer.Take(2))(context);
            await clientHasIt.Task.WaitAsync(context.RequestAborted);
            context.Abort();
        };
        _b.Handler = Respond.Sse(OpenAIFixtures.StreamedAnswer);
        var b = _b.Requests.Count;
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent("""{"model":"llama","messages":[{"role":"user","content":"Hi"}],"stream":true}""", Encoding.UTF8, "application/json"),
        };

        // Act
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, guard.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(guard.Token));
        var first = await reader.ReadLineAsync(guard.Token);
        clientHasIt.SetResult();
        var rest = await reader.ReadToEndAsync(guard.Token);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Header(response, "x-languru-provider"), Is.EqualTo("vllm-a"));
        Assert.That(first, Does.StartWith("data: {\"id\":"));
        var events = ServerSentEvents.Data(first + "\n" + rest);
        Assert.That(events[^1], Does.StartWith("{\"error\":"), rest);
        Assert.That(events, Does.Not.Contain("[DONE]"));
        Assert.That(_b.Requests.Count - b, Is.Zero, "after the first byte, no fallback");
    }

    [Test]
    public async Task WholeAnswer_TargetRefusesTheRequest_NoFallback_TheClientSeesThe400()
    {
        // Arrange
        _a.Handler = Respond.Json(OpenAIFixtures.Error("Invalid 'temperature'.", "invalid_request_error", "temperature", "decimal_above_max_value"), 400);
        _b.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);
        var b = _b.Requests.Count;

        // Act
        var response = await PostAsync("""{"model":"llama","messages":[{"role":"user","content":"Hi"}]}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Header(response, "x-languru-provider"), Is.EqualTo("(none)"));
        Assert.That(_b.Requests.Count - b, Is.Zero);
    }

    [Test]
    public async Task WholeAnswer_Upstream429_IsRetried_AfterItsRetryAfter()
    {
        // Arrange
        _a.Handler = InTurn(
            Respond.Json(OpenAIFixtures.Error("Rate limit reached.", "requests", code: "rate_limit_exceeded"), 429, ("retry-after-ms", "1500")),
            Respond.Json(OpenAIFixtures.PlainAnswer));
        var a = _a.Requests.Count;
        var waits = _time.Waits.Count;

        // Act
        var response = await PostAsync("""{"model":"retrying/gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(_a.Requests.Count - a, Is.EqualTo(2), "one attempt, one retry");
        Assert.That(_time.Waits.Skip(waits), Is.EqualTo(new[] { TimeSpan.FromMilliseconds(1500) }));
        Assert.That(Header(response, "x-languru-provider"), Is.EqualTo("retrying"));
    }

    [Test]
    public async Task Ollama_IsRetriedTheSameWay()
    {
        // Arrange: busy twice (Ollama sends no Retry-After: BusyRetryAfter, one second, stands in), then the answer.
        var busy = Respond.Json(OllamaFixtures.Error("server busy, please try again.  maximum pending requests exceeded"), 503);
        _ollama.Handler = InTurn(busy, busy, Respond.Json(OllamaFixtures.WholeAnswer));
        var before = _ollama.Requests.Count;
        var waits = _time.Waits.Count;

        // Act
        var response = await PostAsync("""{"model":"local/llama3.2","messages":[{"role":"user","content":"Hi"}]}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(_ollama.Requests.Count - before, Is.EqualTo(3), "one attempt, two retries");
        Assert.That(_time.Waits.Skip(waits), Is.All.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
        Assert.That((Header(response, "x-languru-provider"), Header(response, "x-languru-model")), Is.EqualTo(("local", "llama3.2")));
    }

    [Test]
    public async Task PlainModel_HeadersNameItsProvider()
    {
        // Act
        var response = await PostAsync("""{"model":"default","messages":[{"role":"user","content":"Hi"}]}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((Header(response, "x-languru-provider"), Header(response, "x-languru-model")), Is.EqualTo(("echo", "echo")));
    }

    [Test]
    public async Task Route_IsListedInTheModels()
    {
        // Act
        var models = await _client.GetStringAsync("v1/models/llama");

        // Assert
        Assert.That(models, Does.Contain("\"id\":\"llama\"").And.Contain("\"owned_by\":\"languru\""));
    }
}

using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Languru.Tests.Api.Telemetry;

/// <summary>The per-request log line and the <c>Languru</c> meter, seen through the echo provider.</summary>
public class RequestTelemetryTests
{
    private const string Secret = "purple-elephant-secret";

    private LanguruFactory _factory = null!;
    private HttpClient _client = null!;
    private FakeLogCollector _logs = null!;

    [SetUp]
    public void StartGateway()
    {
        _factory = new LanguruFactory().WithServices(s => s.AddLogging(b => b.AddFakeLogging()));
        _client = _factory.CreateClient();
        _logs = _factory.Services.GetFakeLogCollector();
    }

    [TearDown]
    public async Task StopGateway()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string json, string? requestId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (requestId is not null)
        {
            request.Headers.Add("x-request-id", requestId);
        }

        return _client.SendAsync(request);
    }

    private FakeLogRecord RequestLine(string requestId) =>
        _logs.GetSnapshot().Single(r => r.Category == "Languru.Requests" && r.GetStructuredStateValue("RequestId") == requestId);

    [Test]
    public async Task WholeAnswer_LogsOneLineWithTheRequestsFields()
    {
        // Act
        var response = await PostAsync($$"""{"model":"default","messages":[{"role":"user","content":"{{Secret}} one two"}]}""", "req-log-1");
        await response.Content.ReadAsStringAsync();

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var line = RequestLine("req-log-1");
        Assert.That(line.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(line.Id.Name, Is.EqualTo("RequestServed"));
        var fields = line.StructuredState!.Where(kv => kv.Key != "{OriginalFormat}").ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.That(fields, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["RequestId"] = "req-log-1",
            ["Method"] = "POST",
            ["Path"] = "/v1/chat/completions",
            ["Status"] = "200",
            ["Outcome"] = "success",
            ["DurationMs"] = fields["DurationMs"],
            ["KeyName"] = null,
            ["Route"] = "default",
            ["Model"] = "default",
            ["Provider"] = "echo",
            ["AnsweredProvider"] = "echo",
            ["AnsweredModel"] = "echo",
            ["Stream"] = "False",
            ["TimeToFirstTokenMs"] = null,
            ["InputTokens"] = "3",
            ["OutputTokens"] = "3",
            ["Retries"] = "0",
            ["Fallbacks"] = "0",
            ["FailedTargets"] = null,
        }));
        Assert.That(double.Parse(fields["DurationMs"]!, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(0));
        Assert.That(line.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>().SelectMany(s => s),
            Does.Contain(new KeyValuePair<string, object?>("XRequestId", "req-log-1")));
        Assert.That(_logs.GetSnapshot().Select(r => r.Message), Has.None.Contains(Secret), "no log line quotes the content");
    }

    [Test]
    public async Task Embeddings_LogsWhoAnsweredAndTheReportedTokens()
    {
        // Arrange
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings")
        {
            Content = new StringContent("""{"model":"default","input":"one two three"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-request-id", "req-embed-1");

        // Act
        var response = await _client.SendAsync(request);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var line = RequestLine("req-embed-1");
        var promptTokens = body.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32();
        Assert.That(promptTokens, Is.GreaterThan(0));
        Assert.That(line.GetStructuredStateValue("AnsweredProvider"), Is.EqualTo("echo"));
        Assert.That(line.GetStructuredStateValue("InputTokens"), Is.EqualTo(promptTokens.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task Stream_LogsTimeToFirstTokenAndTheStreamedTokens()
    {
        // Act
        var response = await PostAsync("""{"model":"echo","stream":true,"messages":[{"role":"user","content":"one two three"}]}""", "req-log-2");
        await response.Content.ReadAsStringAsync();

        // Assert
        var line = RequestLine("req-log-2");
        Assert.That(line.GetStructuredStateValue("Stream"), Is.EqualTo("True"));
        Assert.That(line.GetStructuredStateValue("Route"), Is.Null, "echo is a model name, not an alias");
        Assert.That(line.GetStructuredStateValue("TimeToFirstTokenMs"), Is.Not.Null);
        Assert.That(line.GetStructuredStateValue("OutputTokens"), Is.EqualTo("3"));
        Assert.That(line.GetStructuredStateValue("Outcome"), Is.EqualTo("success"));
    }

    [Test]
    public async Task UnknownModel_LogsAClientErrorWithNothingRouted()
    {
        // Act
        var response = await PostAsync("""{"model":"no-such-model","messages":[{"role":"user","content":"hi"}]}""", "req-log-3");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var line = RequestLine("req-log-3");
        Assert.That(line.GetStructuredStateValue("Status"), Is.EqualTo("404"));
        Assert.That(line.GetStructuredStateValue("Outcome"), Is.EqualTo("client_error"));
        Assert.That(line.GetStructuredStateValue("Model"), Is.Null);
        Assert.That(line.GetStructuredStateValue("AnsweredProvider"), Is.Null);
    }

    [Test]
    public async Task HealthProbes_GetNoLine()
    {
        // Act
        await _client.GetAsync("/health/live");
        await _client.GetAsync("/health");

        // Assert
        Assert.That(_logs.GetSnapshot().Where(r => r.Category == "Languru.Requests"), Is.Empty);
    }

    [Test]
    public async Task Requests_AreCountedByRouteProviderModelKeyAndOutcome()
    {
        // Arrange
        var meters = _factory.Services.GetRequiredService<IMeterFactory>();
        using var requests = new MetricCollector<long>(meters, "Languru", "languru.requests");
        using var tokens = new MetricCollector<long>(meters, "Languru", "languru.tokens");
        using var duration = new MetricCollector<double>(meters, "Languru", "gen_ai.server.request.duration");

        // Act
        await PostAsync("""{"model":"default","messages":[{"role":"user","content":"a b c d"}]}""");
        await PostAsync("""{"model":"random-garbage-name","messages":[{"role":"user","content":"hi"}]}""");

        // Assert
        var measured = requests.GetMeasurementSnapshot();
        Assert.That(measured, Has.Count.EqualTo(2));
        Assert.That(measured[0].Tags, Is.EquivalentTo(new Dictionary<string, object?>
        {
            ["http.route"] = "v1/chat/completions",
            ["languru.route"] = "default",
            ["languru.provider"] = "echo",
            ["languru.model"] = "default",
            ["languru.key"] = "",
            ["languru.outcome"] = "success",
        }));
        Assert.That(measured[1].Tags["languru.outcome"], Is.EqualTo("client_error"));
        Assert.That(measured[1].Tags["languru.model"], Is.EqualTo(""), "a name the client made up never becomes a series");
        Assert.That(tokens.GetMeasurementSnapshot().Select(m => (m.Value, m.Tags["gen_ai.token.type"])),
            Is.EquivalentTo(new[] { (4L, (object?)"input"), (4L, "output") }));
        var served = duration.GetMeasurementSnapshot().Single();
        Assert.That(served.Tags["gen_ai.operation.name"], Is.EqualTo("chat"));
        Assert.That(served.Tags["gen_ai.request.model"], Is.EqualTo("default"));
        Assert.That(served.Tags["gen_ai.response.model"], Is.EqualTo("echo"));
        Assert.That(served.Tags.ContainsKey("error.type"), Is.False);
    }

    [Test]
    public async Task Stream_RecordsTimeToFirstTokenAndLeavesNoActiveStream()
    {
        // Arrange
        var meters = _factory.Services.GetRequiredService<IMeterFactory>();
        using var firstToken = new MetricCollector<double>(meters, "Languru", "gen_ai.server.time_to_first_token");
        using var active = new MetricCollector<long>(meters, "Languru", "languru.streams.active");

        // Act
        var response = await PostAsync("""{"model":"echo","stream":true,"messages":[{"role":"user","content":"x y"}]}""");
        await response.Content.ReadAsStringAsync();

        // Assert
        Assert.That(firstToken.GetMeasurementSnapshot().Single().Value, Is.GreaterThanOrEqualTo(0));
        Assert.That(active.GetMeasurementSnapshot().Select(m => m.Value), Is.EqualTo(new[] { 1L, -1L }));
    }

    [Test]
    public async Task KeyedAndRateLimited_NameTheKeyAndCountTheRefusal()
    {
        // Arrange
        const string key = "sk-telemetry-test-key-0123456789";
        await using var factory = new LanguruFactory()
            .With("Languru:Keys:team-a:Key", key)
            .With("Languru:Keys:team-a:RequestsPerMinute", "1")
            .WithServices(s => s.AddLogging(b => b.AddFakeLogging()));
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using var limited = new MetricCollector<long>(factory.Services.GetRequiredService<IMeterFactory>(), "Languru", "languru.rate_limited");
        var logs = factory.Services.GetFakeLogCollector();
        static StringContent Body() => new("""{"model":"default","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json");

        // Act
        var first = await client.PostAsync("/v1/chat/completions", Body());
        var second = await client.PostAsync("/v1/chat/completions", Body());

        // Assert
        Assert.That((first.StatusCode, second.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.TooManyRequests)));
        var lines = logs.GetSnapshot().Where(r => r.Category == "Languru.Requests").ToList();
        Assert.That(lines.Select(l => l.GetStructuredStateValue("KeyName")), Has.All.EqualTo("team-a"));
        Assert.That(lines.Select(l => l.GetStructuredStateValue("Outcome")), Is.EqualTo(new[] { "success", "rate_limited" }));
        Assert.That(limited.GetMeasurementSnapshot().Single().Tags["languru.key"], Is.EqualTo("team-a"));
        Assert.That(logs.GetSnapshot().Select(r => r.Message), Has.None.Contains(key));
    }

    [Test]
    public async Task FailedOver_LogsTheRouteTheFailedTargetAndWhoAnswered()
    {
        // Arrange
        await using var factory = new LanguruFactory()
            .With("Languru:Providers:deadai:Type", "openai")
            .With("Languru:Providers:deadai:BaseUrl", $"http://127.0.0.1:{LoopbackPort.Free()}/v1")
            .With("Languru:Routes:smart:Targets:0", "deadai/big-model")
            .With("Languru:Routes:smart:Fallbacks:0", "echo")
            .WithServices(s => s.AddLogging(b => b.AddFakeLogging()));
        using var client = factory.CreateClient();
        using var fallbacks = new MetricCollector<long>(factory.Services.GetRequiredService<IMeterFactory>(), "Languru", "languru.fallbacks");

        // Act
        var response = await client.PostAsync("/v1/chat/completions",
            new StringContent("""{"model":"smart","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var line = factory.Services.GetFakeLogCollector().GetSnapshot().Single(r => r.Category == "Languru.Requests");
        Assert.That(line.GetStructuredStateValue("Route"), Is.EqualTo("smart"));
        Assert.That(line.GetStructuredStateValue("Provider"), Is.EqualTo("deadai"));
        Assert.That(line.GetStructuredStateValue("AnsweredProvider"), Is.EqualTo("echo"));
        Assert.That(line.GetStructuredStateValue("Fallbacks"), Is.EqualTo("1"));
        Assert.That(line.GetStructuredStateValue("FailedTargets"), Does.StartWith("deadai/big-model ("));
        Assert.That(fallbacks.GetMeasurementSnapshot().Single().Tags["languru.route"], Is.EqualTo("smart"));
    }
}

using System.Text;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Languru.Tests.EndToEnd;

/// <summary>
/// What a provider failure leaves in the log: kind, statuses, provider and model at Warning; what the upstream said
/// (which can quote the prompt) only at Debug; client strings with their control characters escaped.
/// </summary>
public class ProviderErrorLogTests
{
    private const string Prompt = "my-secret-prompt-7f3a";

    private FakeUpstream _upstream = null!;
    private FakeLoggerProvider _logs = null!;
    private LanguruFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _upstream = await FakeUpstream.StartAsync();
        _logs = new FakeLoggerProvider();
        _factory = new LanguruFactory()
            .With("Languru:Providers:up:Type", "openai")
            .With("Languru:Providers:up:BaseUrl", new Uri(_upstream.BaseUrl, "v1").ToString())
            .With("Logging:LogLevel:Default", "Debug")
            .WithServices(s => s.AddSingleton<ILoggerProvider>(_logs));
        _client = new HttpClient { BaseAddress = _factory.StartKestrel() };
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _upstream.DisposeAsync();
        _logs.Dispose();
    }

    [SetUp]
    public void Clear() => _logs.Collector.Clear();

    private async Task<string> PostAsync(string model, bool stream)
    {
        var json = $$"""{"model":{{System.Text.Json.JsonSerializer.Serialize(model)}},"messages":[{"role":"user","content":"{{Prompt}}"}],"stream":{{(stream ? "true" : "false")}}}""";
        using var response = await _client.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));
        return await response.Content.ReadAsStringAsync();
    }

    private IReadOnlyList<FakeLogRecord> Entries(LogLevel level) =>
        [.. _logs.Collector.GetSnapshot().Where(e => e.Level == level && e.Category?.StartsWith("Languru", StringComparison.Ordinal) == true)];

    [TestCase(false)]
    [TestCase(true)]
    public async Task UpstreamErrorQuotingThePrompt_IsLoggedAtWarningWithoutIt_AndInFullAtDebug(bool stream)
    {
        // Arrange: an upstream whose error message repeats part of the prompt, as OpenAI's content errors do.
        _upstream.Handler = Respond.Json(OpenAIFixtures.Error($"Invalid content: '{Prompt}' is not allowed.", "invalid_request_error", "messages[0].content", "invalid_value"), 400);

        // Act
        var body = await PostAsync("up/gpt-test", stream);

        // Assert
        Assert.That(body, Does.Contain(Prompt), "the client may see its own upstream's OpenAI-shaped message");
        var warning = Entries(LogLevel.Warning).Single();
        Assert.That(warning.Message, Is.EqualTo("Provider error InvalidRequest answered with 400 (upstream status 400); provider up, model gpt-test."));
        Assert.That(Entries(LogLevel.Debug).Select(e => e.Message), Has.Some.Contains(Prompt), "the detail is there for debugging");
        Assert.That(_logs.Collector.GetSnapshot().Where(e => e.Level > LogLevel.Debug).Select(e => $"{e.Message} {e.Exception}"), Has.None.Contains(Prompt));
    }

    [Test]
    public async Task MidStreamErrorQuotingThePrompt_IsLoggedAtWarningWithoutIt()
    {
        // Arrange
        _upstream.Handler = Respond.Sse(
            [OpenAIFixtures.Chunk("""{"role":"assistant","content":"a"}"""), "data: " + OpenAIFixtures.Error($"Generation failed on '{Prompt}'.", "server_error") + "\n\n"],
            TimeSpan.FromMilliseconds(100));

        // Act
        var body = await PostAsync("up/gpt-test", stream: true);

        // Assert
        Assert.That(body, Does.Contain("reported an error mid-stream"));
        Assert.That(Entries(LogLevel.Warning).Single().Message, Is.EqualTo(
            "Provider error UpstreamError after a stream started; sent an in-stream error event (502, upstream status (null)); provider up, model gpt-test."));
        Assert.That(_logs.Collector.GetSnapshot().Where(e => e.Level > LogLevel.Debug).Select(e => $"{e.Message} {e.Exception}"), Has.None.Contains(Prompt));
    }

    [Test]
    public async Task ModelNameWithLineBreaks_IsLoggedEscaped_SoItCannotForgeALine()
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.Error("The server had an error.", "server_error"), 500);

        // Act
        await PostAsync("up/m\nwarn: Forged[0] all is well\r\u2028", stream: false);

        // Assert
        var entries = _logs.Collector.GetSnapshot().Where(e => e.Category?.StartsWith("Languru", StringComparison.Ordinal) == true).Select(e => e.Message).ToList();
        Assert.That(entries, Has.Some.EqualTo(@"Provider error UpstreamError answered with 502 (upstream status 500); provider up, model m\nwarn: Forged[0] all is well\r\u2028."));
        Assert.That(entries, Has.None.Match("[\n\r\u2028]"));
    }
}

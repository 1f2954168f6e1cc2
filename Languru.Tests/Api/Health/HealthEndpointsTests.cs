using System.Net;
using System.Text.Json;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Api.Health;

/// <summary><c>/health</c>, <c>/health/live</c> and <c>/health/ready</c> with a live and a dead upstream.</summary>
public class HealthEndpointsTests
{
    private const string ModelList = """{"object":"list","data":[{"id":"gpt-4o","object":"model","created":1700000000,"owned_by":"openai"}]}""";

    private FakeUpstream _live = null!;
    private LanguruFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _live = await FakeUpstream.StartAsync();
        _live.Handler = Respond.Json(ModelList);
        _factory = new LanguruFactory()
            .With("Languru:Providers:liveai:Type", "openai")
            .With("Languru:Providers:liveai:BaseUrl", new Uri(_live.BaseUrl, "v1").ToString())
            .With("Languru:Providers:deadai:Type", "openai")
            .With("Languru:Providers:deadai:BaseUrl", $"http://127.0.0.1:{LoopbackPort.Free()}/v1")
            .With("Languru:Providers:deadai:ApiKey", "sk-must-not-show");
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _live.DisposeAsync();
    }

    [Test]
    public async Task Ready_DeadProvider_Answers503NamingItWithTheOthersListed()
    {
        // Act
        var response = await _client.GetAsync("/health/ready");
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("Unhealthy"));
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(
            c => c.GetProperty("name").GetString()!,
            c => (Status: c.GetProperty("status").GetString(), Description: c.GetProperty("description").GetString()!));
        Assert.That(checks.Keys, Is.SupersetOf(new[] { "provider:echo", "provider:openai", "provider:ollama", "provider:liveai", "provider:deadai" }));
        Assert.That(checks["provider:deadai"].Status, Is.EqualTo("Unhealthy"));
        Assert.That(checks["provider:deadai"].Description, Does.StartWith("openai, on, unreachable: "));
        Assert.That(checks["provider:liveai"], Is.EqualTo((Status: (string?)"Healthy", Description: "openai, on, lists 1 models")));
        Assert.That(checks["provider:echo"].Status, Is.EqualTo("Healthy"));
        Assert.That(checks["provider:openai"].Status, Is.EqualTo("Healthy"), "a provider that is off is not a failure");
        Assert.That(checks["provider:openai"].Description, Does.Contain("off: set the OPENAI_API_KEY environment variable"));
        Assert.That(body, Does.Not.Contain("sk-must-not-show"));
    }

    [TestCase("/health/live")]
    [TestCase("/health")]
    public async Task Liveness_DeadProvider_StillAnswersHealthy(string path)
    {
        // Act
        var response = await _client.GetAsync(path);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task Ready_AllProvidersUp_Answers200()
    {
        // Arrange
        await using var factory = new LanguruFactory()
            .With("Languru:Providers:liveai:Type", "openai")
            .With("Languru:Providers:liveai:BaseUrl", new Uri(_live.BaseUrl, "v1").ToString());
        using var client = factory.CreateClient();

        // Act
        var response = await client.GetAsync("/health/ready");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
    }
}

using System.Net;
using System.Text;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Api;

public class ModelsEndpointTests
{
    private LanguruFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartGateway()
    {
        _factory = new LanguruFactory()
            .With("Languru:Aliases:smart", "echo/smart-one");
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopGateway()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [TestCase("/v1/models")]
    [TestCase("/models")]
    public async Task List_ShowsConfiguredModelsAndAliases(string path)
    {
        // Act
        var body = await _client.GetStringAsync(path);

        // Assert
        Assert.That(body, Is.EqualTo(
            """{"object":"list","data":[{"id":"echo","object":"model","created":1700000000,"owned_by":"echo"},{"id":"default","object":"model","created":1700000000,"owned_by":"echo"},{"id":"smart","object":"model","created":1700000000,"owned_by":"echo"}]}"""));
    }

    [TestCase("/v1/models/default", "default")]
    [TestCase("/v1/models/echo/with/slashes", "echo/with/slashes")]
    [TestCase("/models/echo", "echo")]
    [TestCase("/v1/models/echo%2Fencoded%2fslashes", "echo/encoded/slashes")]
    public async Task Retrieve_RoutableModel_ReturnsIt(string path, string id)
    {
        // Act
        var body = await _client.GetStringAsync(path);

        // Assert
        Assert.That(body, Is.EqualTo($$"""{"id":"{{id}}","object":"model","created":1700000000,"owned_by":"echo"}"""));
    }

    [TestCase("claude-9", "The model 'claude-9' does not exist. Models you can use: echo, default, smart, echo/<model>.")]
    [TestCase("gpt-4o-mini", "The model 'gpt-4o-mini' is served by provider 'openai', which is not configured: set the OPENAI_API_KEY environment variable")]
    public async Task Retrieve_ModelNobodyServes_Is404WithTheAnswerChatGives(string model, string message)
    {
        // Act
        var retrieved = await _client.GetAsync($"/v1/models/{model}");
        var chat = await _client.PostAsync("/v1/chat/completions", new StringContent($$"""{"model":"{{model}}","messages":[{"role":"user","content":"x"}]}""", Encoding.UTF8, "application/json"));

        // Assert
        Assert.That(retrieved.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var body = await retrieved.Content.ReadAsStringAsync();
        Assert.That(body, Does.StartWith($$"""{"error":{"message":"{{message}}"""));
        Assert.That(body, Does.EndWith(""","type":"invalid_request_error","param":"model","code":"model_not_found"}}"""));
        Assert.That(body, Is.EqualTo(await chat.Content.ReadAsStringAsync()), "the same answer as chat");
    }

    [Test]
    public async Task Health_IsHealthy()
    {
        // Act
        var response = await _client.GetAsync("/health");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }
}

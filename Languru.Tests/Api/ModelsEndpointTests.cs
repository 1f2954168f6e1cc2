using System.Net;
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

    [Test]
    public async Task Retrieve_UnknownModel_Is404ModelNotFound()
    {
        // Act
        var response = await _client.GetAsync("/v1/models/claude-9");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"error":{"message":"The model 'claude-9' does not exist. GET /v1/models lists the models you can use.","type":"invalid_request_error","param":"model","code":"model_not_found"}}"""));
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

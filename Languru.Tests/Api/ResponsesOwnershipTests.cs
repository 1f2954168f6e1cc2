using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Api;

/// <summary>With API keys, a stored response belongs to the key that created it: others get a 404, as for an unknown id.</summary>
public class ResponsesOwnershipTests
{
    private LanguruFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartGateway()
    {
        _factory = new LanguruFactory()
            .With("Languru:Keys:alice:Key", "sk-alice-key")
            .With("Languru:Keys:bob:Key", "sk-bob-key");
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopGateway()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await _client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task StoredResponse_IsVisibleOnlyToTheKeyThatCreatedIt()
    {
        // Arrange
        var (_, created) = await SendAsync(HttpMethod.Post, "/v1/responses", "sk-alice-key", """{"model":"default","input":"alice's secret"}""");
        var id = JsonDocument.Parse(created).RootElement.GetProperty("id").GetString();

        // Act
        var byOwner = await SendAsync(HttpMethod.Get, $"/v1/responses/{id}", "sk-alice-key");
        var byOther = await SendAsync(HttpMethod.Get, $"/v1/responses/{id}", "sk-bob-key");
        var itemsByOther = await SendAsync(HttpMethod.Get, $"/v1/responses/{id}/input_items", "sk-bob-key");
        var continuedByOther = await SendAsync(HttpMethod.Post, "/v1/responses", "sk-bob-key", $$"""{"model":"default","input":"x","previous_response_id":"{{id}}"}""");
        var deletedByOther = await SendAsync(HttpMethod.Delete, $"/v1/responses/{id}", "sk-bob-key");
        var stillThere = await SendAsync(HttpMethod.Get, $"/v1/responses/{id}", "sk-alice-key");

        // Assert
        Assert.That(byOwner.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(byOther.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(byOther.Body, Does.Not.Contain("secret"));
        Assert.That(itemsByOther.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(continuedByOther.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(continuedByOther.Body, Does.Contain("\"param\":\"previous_response_id\""));
        Assert.That(deletedByOther.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(stillThere.Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task WithoutAKey_TheResponsesApiIsRefused()
    {
        // Act
        using var response = await _client.PostAsync("/v1/responses", new StringContent("""{"model":"default","input":"x"}""", Encoding.UTF8, "application/json"));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}

using System.Net;
using System.Text.Json;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Languru.Tests.Api.Access;

public class ApiKeyAuthenticationTests
{
    private const string Key = "sk-languru-test-0123456789";
    private const string LimitedKey = "sk-languru-limited-9876543210";
    private const string Chat = """{"model":"default","messages":[{"role":"user","content":"Hello"}]}""";

    private LanguruFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartGateway()
    {
        _factory = new LanguruFactory()
            .With("Languru:Keys:team:Key", Key)
            .With("Languru:Keys:limited:KeyHash", ApiKeyTableTests.HashOf(LimitedKey))
            .With("Languru:Keys:limited:Models:0", "default")
            .With("Languru:Keys:limited:Models:1", "echo/*")
            .With("Logging:LogLevel:Default", "Trace")
            .With("Logging:LogLevel:Microsoft.AspNetCore", "Trace")
            .WithServices(s => s.AddLogging(l => l.AddFakeLogging()));
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopGateway()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string json, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = ChatCompletionsEndpointTests.Json(json) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return _client.SendAsync(request);
    }

    private static async Task<JsonElement> ErrorOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").Clone();
    }

    [TestCase("Authorization", "Bearer " + Key)]
    [TestCase("Authorization", "bearer " + Key)]
    [TestCase("Authorization", "BEARER    " + Key)]
    [TestCase("Authorization", "bearer" + Key)]
    [TestCase("x-api-key", Key)]
    public async Task Post_AcceptedKeyForm_Answers(string header, string value)
    {
        // Act
        var response = await PostAsync(Chat, (header, value));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [TestCase(null, null, "You didn't provide an API key.")]
    [TestCase("Authorization", "Bearer sk-wrong", "Incorrect API key provided.")]
    [TestCase("Authorization", "Bearer sk-languru-test-012345678", "Incorrect API key provided.")]
    [TestCase("Authorization", "Bearer sk-languru-test-0123456789x", "Incorrect API key provided.")]
    [TestCase("Authorization", "Basic c2s6", "Incorrect API key provided.")]
    [TestCase("x-api-key", "sk-LANGURU-test-0123456789", "Incorrect API key provided.")]
    public async Task Post_MissingOrWrongKey_Returns401InvalidApiKey(string? header, string? value, string message)
    {
        // Act
        var response = header is null ? await PostAsync(Chat) : await PostAsync(Chat, (header, value!));
        var error = await ErrorOf(response);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("invalid_api_key"));
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
        Assert.That(error.GetProperty("message").GetString(), Does.StartWith(message));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
    }

    [TestCase("/v1/models")]
    [TestCase("/models")]
    [TestCase("/v1/models/echo")]
    public async Task Get_ModelsWithoutKey_Returns401(string path)
    {
        // Act
        var response = await _client.GetAsync(path);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await ErrorOf(response)).GetProperty("code").GetString(), Is.EqualTo("invalid_api_key"));
    }

    [TestCase("/health")]
    [TestCase("/docs/index.html")]
    [TestCase("/openapi/v1.json")]
    public async Task Get_PublicEndpointWithoutKey_Answers(string path)
    {
        // Act
        var response = await _client.GetAsync(path);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Post_ModelTheKeyMayNotUse_Returns403NamingKeyAndModel()
    {
        // Act
        var response = await PostAsync("""{"model":"echo","messages":[{"role":"user","content":"Hello"}]}""", ("Authorization", "Bearer " + LimitedKey));
        var error = await ErrorOf(response);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("model_not_allowed"));
        Assert.That(error.GetProperty("param").GetString(), Is.EqualTo("model"));
        Assert.That(error.GetProperty("message").GetString(), Is.EqualTo(
            "The API key 'limited' may not use the model 'echo'. GET /v1/models lists the models it may use."));
    }

    [Test]
    public async Task Embeddings_AreBehindTheSameKeysAndModelRules()
    {
        // Arrange
        HttpRequestMessage Embed(string model, string? key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings") { Content = ChatCompletionsEndpointTests.Json($$"""{"model":"{{model}}","input":"x"}""") };
            if (key is not null)
            {
                request.Headers.Authorization = new("Bearer", key);
            }

            return request;
        }

        // Act
        using var anonymous = await _client.SendAsync(Embed("default", null));
        using var forbidden = await _client.SendAsync(Embed("echo", LimitedKey));
        using var allowed = await _client.SendAsync(Embed("default", LimitedKey));

        // Assert
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await ErrorOf(anonymous)).GetProperty("code").GetString(), Is.EqualTo("invalid_api_key"));
        Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await ErrorOf(forbidden)).GetProperty("code").GetString(), Is.EqualTo("model_not_allowed"));
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("default")]
    [TestCase("DEFAULT")]
    [TestCase("echo/anything")]
    public async Task Post_ModelTheKeyMayUse_Answers(string model)
    {
        // Act
        var response = await PostAsync($$"""{"model":"{{model}}","messages":[{"role":"user","content":"Hello"}]}""", ("x-api-key", LimitedKey));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task GetModels_RestrictedKey_ListsOnlyItsModels()
    {
        // Arrange
        using var limited = new HttpRequestMessage(HttpMethod.Get, "/v1/models") { Headers = { { "x-api-key", LimitedKey } } };
        using var team = new HttpRequestMessage(HttpMethod.Get, "/v1/models") { Headers = { { "x-api-key", Key } } };
        using var retrieve = new HttpRequestMessage(HttpMethod.Get, "/v1/models/echo") { Headers = { { "x-api-key", LimitedKey } } };

        // Act
        var limitedIds = await IdsAsync(await _client.SendAsync(limited));
        var teamIds = await IdsAsync(await _client.SendAsync(team));
        var retrieved = await _client.SendAsync(retrieve);

        // Assert
        Assert.That(limitedIds, Is.EqualTo(new[] { "default" }));
        Assert.That(teamIds, Is.SupersetOf(new[] { "default", "echo" }));
        Assert.That(retrieved.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        static async Task<string[]> IdsAsync(HttpResponseMessage response)
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return [.. json.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!)];
        }
    }

    // The handler logs what ASP.NET Core's AuthenticationHandler base class logs (its event ids and levels), and
    // authenticates once per request: the challenge asks for the result again and must not log a second failure.
    [TestCase("Bearer " + Key, new[] { "8:Debug" })]
    [TestCase("Bearer sk-wrong-but-secret", new[] { "7:Information", "12:Information" })]
    [TestCase(null, new[] { "9:Debug", "12:Information" })]
    public async Task Request_LogsTheBaseClassesEvents_OncePerRequest(string? authorization, string[] expected)
    {
        // Arrange
        var logs = _factory.Services.GetFakeLogCollector();
        logs.Clear();

        // Act
        var response = authorization is null ? await PostAsync(Chat) : await PostAsync(Chat, ("Authorization", authorization));

        // Assert
        Assert.That((int)response.StatusCode, Is.EqualTo(authorization == "Bearer " + Key ? 200 : 401));
        var events = logs.GetSnapshot()
            .Where(r => r.Category == "Languru.Api.Access.ApiKeyAuthenticationHandler")
            .Select(r => $"{r.Id.Id}:{r.Level}");
        Assert.That(events, Is.EqualTo(expected));
    }

    [Test]
    public async Task Requests_WithRightAndWrongKeys_NeverLogAKey()
    {
        // Arrange
        var logs = _factory.Services.GetFakeLogCollector();

        // Act
        await PostAsync(Chat, ("Authorization", "Bearer " + Key));
        await PostAsync(Chat, ("Authorization", "Bearer sk-wrong-but-secret"));
        await PostAsync("""{"model":"echo","messages":[]}""", ("x-api-key", LimitedKey));

        // Assert
        var records = logs.GetSnapshot();
        Assert.That(records, Is.Not.Empty, "the log is captured");
        Assert.That(records, Has.Some.Matches<FakeLogRecord>(r => r.Message.Contains("The API key is not valid.", StringComparison.Ordinal)),
            "the failed authentication is logged (without the key)");
        var text = string.Join("\n", records.Select(r => $"{r.Message} {r.Exception} {string.Join(",", r.StructuredState?.Select(s => s.Value) ?? [])}"));
        Assert.That(text, Does.Not.Contain(Key).And.Not.Contain(LimitedKey).And.Not.Contain("sk-wrong-but-secret"));
    }
}

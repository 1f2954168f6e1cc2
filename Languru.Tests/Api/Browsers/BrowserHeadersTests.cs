using System.Net;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Languru.Tests.Api.Browsers;

public class BrowserHeadersTests
{
    private const string Origin = "http://app.example:3000";
    private const string Chat = """{"model":"default","messages":[{"role":"user","content":"Hello"}]}""";

    private static HttpRequestMessage Preflight(string origin) => new(HttpMethod.Options, "/v1/chat/completions")
    {
        Headers =
        {
            { "Origin", origin },
            { "Access-Control-Request-Method", "POST" },
            { "Access-Control-Request-Headers", "authorization,content-type,x-api-key" },
        },
    };

    private static HttpRequestMessage Post(string? origin = null, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = ChatCompletionsEndpointTests.Json(Chat) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (key is not null)
        {
            request.Headers.Authorization = new("Bearer", key);
        }

        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : "(none)";

    private static string[] AccessControlHeaders(HttpResponseMessage response) =>
        [.. response.Headers.Select(h => h.Key).Where(k => k.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase))];

    [Test]
    public async Task Preflight_AllowedOrigin_IsAnsweredWithoutAKey()
    {
        // Arrange
        await using var factory = new LanguruFactory().With("Languru:Cors:AllowedOrigins:0", Origin).With("LANGURU_API_KEYS", "sk-cors");
        using var client = factory.CreateClient();

        // Act
        var response = await client.SendAsync(Preflight(Origin));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(Origin));
        Assert.That(Header(response, "Access-Control-Allow-Headers").Split(','), Is.EquivalentTo(new[] { "authorization", "content-type", "x-api-key" }));
        Assert.That(Header(response, "Access-Control-Allow-Methods"), Does.Contain("POST"));
    }

    [Test]
    public async Task Post_AllowedOrigin_ExposesTheRequestIdAndRateLimitHeaders()
    {
        // Arrange
        await using var factory = new LanguruFactory()
            .With("Languru:Cors:AllowedOrigins:0", Origin)
            .With("Languru:Keys:web:Key", "sk-cors")
            .With("Languru:Keys:web:RequestsPerMinute", "10");
        using var client = factory.CreateClient();

        // Act
        var response = await client.SendAsync(Post(Origin, "sk-cors"));
        var refused = await client.SendAsync(Post(Origin));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(Origin));
        Assert.That(Header(response, "Access-Control-Expose-Headers").Split(','), Is.SupersetOf(new[]
        {
            "x-request-id", "retry-after",
            "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests",
            "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens",
        }));
        Assert.That(Header(refused, "Access-Control-Allow-Origin"), Is.EqualTo(Origin), "a page can read the 401 envelope");
    }

    [Test]
    public async Task Requests_OtherOrigin_GetNoCorsHeaders()
    {
        // Arrange
        await using var factory = new LanguruFactory().With("Languru:Cors:AllowedOrigins:0", Origin);
        using var client = factory.CreateClient();

        // Act
        var preflight = await client.SendAsync(Preflight("http://evil.example"));
        var post = await client.SendAsync(Post("http://evil.example"));

        // Assert
        Assert.That(AccessControlHeaders(preflight), Is.Empty);
        Assert.That(AccessControlHeaders(post), Is.Empty);
    }

    [Test]
    public async Task Requests_CorsNotConfigured_GetNoCorsHeaders()
    {
        // Arrange
        await using var factory = new LanguruFactory();
        using var client = factory.CreateClient();

        // Act
        var preflight = await client.SendAsync(Preflight(Origin));
        var post = await client.SendAsync(Post(Origin));

        // Assert
        Assert.That(AccessControlHeaders(preflight), Is.Empty);
        Assert.That(AccessControlHeaders(post), Is.Empty);
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.OK), "without CORS a browser cannot read the answer, but other clients can");
    }

    [Test]
    public async Task Preflight_AnyOriginWrittenExplicitly_IsAllowed()
    {
        // Arrange
        await using var factory = new LanguruFactory().With("Languru:Cors:AllowedOrigins:0", "*");
        using var client = factory.CreateClient();

        // Act
        var response = await client.SendAsync(Preflight("http://anywhere.example"));

        // Assert
        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo("*"));
    }

    [Test]
    public void Start_MalformedOrigin_Refuses()
    {
        // Arrange
        using var factory = new LanguruFactory().With("Languru:Cors:AllowedOrigins:0", "https://app.example/path");

        // Act
        var ex = Assert.Catch(() => factory.CreateClient());

        // Assert
        var failures = (ex as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)
            ?? ((OptionsValidationException)ex!).Failures;
        Assert.That(failures, Is.EqualTo(new[]
        {
            "Languru:Cors:AllowedOrigins:0: 'https://app.example/path' is not an origin: write it as scheme://host[:port] (no path), or * for any.",
        }));
    }

    [TestCase("POST", "/v1/chat/completions")]
    [TestCase("GET", "/v1/models")]
    [TestCase("GET", "/v1/nowhere")]
    [TestCase("GET", "/health")]
    public async Task AnyResponse_HasNoSniffAndNoStore(string method, string path)
    {
        // Arrange
        await using var factory = new LanguruFactory();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? ChatCompletionsEndpointTests.Json(Chat) : null };

        // Act
        var response = await client.SendAsync(request);

        // Assert
        Assert.That(Header(response, "X-Content-Type-Options"), Is.EqualTo("nosniff"));
        Assert.That(Header(response, "Cache-Control"), Is.EqualTo("no-store"));
    }

    [Test]
    public async Task KestrelResponse_HasNoServerHeader()
    {
        // Arrange
        await using var factory = new LanguruFactory();
        var gateway = factory.StartKestrel();
        using var client = new HttpClient { BaseAddress = gateway };

        // Act
        var response = await client.GetAsync("health");

        // Assert
        Assert.That(response.Headers.Server, Is.Empty);
        Assert.That(Header(response, "X-Content-Type-Options"), Is.EqualTo("nosniff"));
    }

    [TestCase("/docs/index.html")]
    [TestCase("/openapi/v1.json")]
    [TestCase("/")]
    public async Task Docs_Disabled_AreNotServed(string path)
    {
        // Arrange
        await using var factory = new LanguruFactory().With("Languru:Docs:Enabled", "false");
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        // Act
        var response = await client.GetAsync(path);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}

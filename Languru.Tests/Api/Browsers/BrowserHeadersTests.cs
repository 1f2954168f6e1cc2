using System.Net;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Languru.Tests.Api.Browsers;

public class BrowserHeadersTests
{
    private const string Origin = "http://app.example:3000";
    private const string Chat = """{"model":"default","messages":[{"role":"user","content":"Hello"}]}""";

    // What Chromium asks for before the official OpenAI JavaScript SDK's POST (openai 6.x, dangerouslyAllowBrowser):
    // its headers, lower-cased and sorted, less the safelisted Accept and the User-Agent Chromium does not let it set.
    private const string OpenAISdkHeaders =
        "authorization,content-type,x-stainless-arch,x-stainless-lang,x-stainless-os,x-stainless-package-version,x-stainless-retry-count,x-stainless-runtime,x-stainless-runtime-version,x-stainless-timeout";

    private static HttpRequestMessage Preflight(string origin, string headers = "authorization,content-type,x-api-key") => new(HttpMethod.Options, "/v1/chat/completions")
    {
        Headers =
        {
            { "Origin", origin },
            { "Access-Control-Request-Method", "POST" },
            { "Access-Control-Request-Headers", headers },
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
        Assert.That(Header(response, "Access-Control-Allow-Headers").Split(','), Is.SupersetOf(new[] { "authorization", "content-type", "x-api-key" }));
        Assert.That(Header(response, "Access-Control-Allow-Methods"), Does.Contain("POST"));
    }

    [TestCase(OpenAISdkHeaders)]
    [TestCase("openai-organization,openai-project,openai-beta,user-agent,x-stainless-helper-method,x-stainless-poll-helper,x-stainless-custom-poll-interval")]
    public async Task Preflight_TheOpenAIJavaScriptSdksHeaders_AreAllowed(string headers)
    {
        // Arrange
        await using var factory = new LanguruFactory().With("Languru:Cors:AllowedOrigins:0", Origin);
        using var client = factory.CreateClient();

        // Act
        var response = await client.SendAsync(Preflight(Origin, headers));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(Origin));
        Assert.That(Header(response, "Access-Control-Allow-Headers").Split(','), Is.SupersetOf(headers.Split(',')));
    }

    [TestCase(null, false)]
    [TestCase("x-trace-id", true)]
    [TestCase("*", true)]
    public async Task Preflight_OtherHeaders_AreAllowedOnlyByTheSetting(string? setting, bool allowed)
    {
        // Arrange
        await using var factory = new LanguruFactory().With("Languru:Cors:AllowedOrigins:0", Origin);
        if (setting is not null)
        {
            factory.With("Languru:Cors:AllowedHeaders:0", setting);
        }

        using var client = factory.CreateClient();

        // Act
        var response = await client.SendAsync(Preflight(Origin, "authorization,content-type,x-trace-id"));

        // Assert: a requested header missing from the answer fails the whole preflight, so the browser sends nothing
        var allowedHeaders = Header(response, "Access-Control-Allow-Headers").Split(',');
        Assert.That(allowedHeaders, allowed ? Does.Contain("x-trace-id") : Does.Not.Contain("x-trace-id"));
        Assert.That(allowedHeaders, Does.Contain("authorization"));
    }

    [Test]
    public void Start_MalformedHeaderName_Refuses()
    {
        // Arrange
        using var factory = new LanguruFactory().With("Languru:Cors:AllowedOrigins:0", Origin).With("Languru:Cors:AllowedHeaders:0", "x-a b");

        // Act
        var ex = Assert.Catch(() => factory.CreateClient());

        // Assert
        var failures = (ex as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)
            ?? ((OptionsValidationException)ex!).Failures;
        Assert.That(failures, Is.EqualTo(new[]
        {
            "Languru:Cors:AllowedHeaders:0: 'x-a b' is not a header name (letters, digits and !#$%&'*+-.^_`|~), or * for any.",
        }));
    }

    [Test]
    public async Task Post_AllowedOrigin_ExposesTheRequestIdRouteAndRateLimitHeaders()
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
            "x-request-id", "retry-after", "x-languru-provider", "x-languru-model",
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

using System.Net;
using System.Text.Json;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Languru.Tests.Api.Limits;

public class RateLimitEndpointTests
{
    private const string Key = "sk-limits-test";

    // 10 seconds into a minute window, so windows reset 50 seconds later.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_699_999_990));

    private static string Chat(int n = 1, int? maxTokens = null, bool stream = false) =>
        $$"""{"model":"default","messages":[{"role":"user","content":"Hello there"}],"n":{{n}}{{(maxTokens is null ? "" : $",\"max_tokens\":{maxTokens}")}},"stream":{{(stream ? "true" : "false")}}}""";

    private LanguruFactory Gateway(params (string Setting, string Value)[] limits)
    {
        var factory = new LanguruFactory().With("Languru:Keys:team:Key", Key).WithServices(s => s.AddSingleton<TimeProvider>(_time));
        foreach (var (setting, value) in limits)
        {
            factory.With($"Languru:Keys:team:{setting}", value);
        }

        return factory;
    }

    private static HttpClient Client(LanguruFactory factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Key);
        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string json) =>
        client.PostAsync("/v1/chat/completions", ChatCompletionsEndpointTests.Json(json));

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "(none)";

    private static Dictionary<string, string> RateLimitHeaders(HttpResponseMessage response) =>
        response.Headers.Where(h => h.Key.StartsWith("x-ratelimit-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));

    private static async Task<JsonElement> ErrorOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").Clone();
    }

    [Test]
    public async Task Post_OverRequestsPerMinute_Returns429WithRetryAfterAndAllHeaders()
    {
        // Arrange
        await using var factory = Gateway(("RequestsPerMinute", "2"), ("TokensPerMinute", "1000"));
        using var client = Client(factory);

        // Act
        var first = await PostAsync(client, Chat());
        var second = await PostAsync(client, Chat());
        var refused = await PostAsync(client, Chat());
        var error = await ErrorOf(refused);
        _time.Advance(TimeSpan.FromSeconds(50));
        var nextWindow = await PostAsync(client, Chat());

        // Assert: the estimate of each request is ceil(11 / 4) + 4 = 7 tokens
        Assert.That(RateLimitHeaders(first), Is.EqualTo(new Dictionary<string, string>
        {
            ["x-ratelimit-limit-requests"] = "2", ["x-ratelimit-remaining-requests"] = "1", ["x-ratelimit-reset-requests"] = "50s",
            ["x-ratelimit-limit-tokens"] = "1000", ["x-ratelimit-remaining-tokens"] = "993", ["x-ratelimit-reset-tokens"] = "50s",
        }));
        Assert.That(Header(second, "x-ratelimit-remaining-requests"), Is.EqualTo("0"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("rate_limit_exceeded"));
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("rate_limit_error"));
        Assert.That(error.GetProperty("message").GetString(), Is.EqualTo(
            "Rate limit reached for the API key 'team' on requests per minute: limit 2, remaining 0, requested 1. Try again in 50s."));
        Assert.That(refused.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(50)));
        Assert.That(RateLimitHeaders(refused).Keys, Is.EquivalentTo(RateLimitHeaders(first).Keys));
        Assert.That(Header(refused, "x-ratelimit-remaining-requests"), Is.EqualTo("0"));
        Assert.That(nextWindow.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Header(nextWindow, "x-ratelimit-remaining-requests"), Is.EqualTo("1"));
        Assert.That(Header(nextWindow, "x-ratelimit-reset-requests"), Is.EqualTo("1m0s"));
    }

    [Test]
    public async Task Post_WithN_CountsNRequests()
    {
        // Arrange
        await using var factory = Gateway(("RequestsPerMinute", "3"));
        using var client = Client(factory);

        // Act
        var first = await PostAsync(client, Chat(n: 2));
        var refused = await PostAsync(client, Chat(n: 2));
        var single = await PostAsync(client, Chat(n: 1));

        // Assert
        Assert.That(Header(first, "x-ratelimit-remaining-requests"), Is.EqualTo("1"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That((await ErrorOf(refused)).GetProperty("message").GetString(), Does.Contain("remaining 1, requested 2"));
        Assert.That(single.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Header(first, "x-ratelimit-limit-tokens"), Is.EqualTo("(none)"), "a trio is sent only for a limit that is set");
    }

    [Test]
    public async Task Post_WithNAboveMaxChoices_Is400AndCountsNoMoreThanMaxChoices()
    {
        // Arrange: n = 20 is over MaxChoices (8) and over the 10 requests left; a valid n can cost at most 8
        await using var factory = Gateway(("RequestsPerMinute", "10"));
        using var client = Client(factory);

        // Act
        var refused = await PostAsync(client, Chat(n: 20));
        var error = await ErrorOf(refused);
        var valid = await PostAsync(client, Chat(n: 2));

        // Assert: a 400 naming the setting (not a 429 a client would retry), and the 400 cost only 8
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("integer_above_max_value"));
        Assert.That(valid.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Header(valid, "x-ratelimit-remaining-requests"), Is.EqualTo("0"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Post_TokensPerMinute_EstimateIsCorrectedByTheReportedUsage(bool stream)
    {
        // Arrange
        await using var factory = Gateway(("TokensPerMinute", "10000"));
        using var client = Client(factory);
        var request = stream
            ? Chat(maxTokens: 1000, stream: true).Replace("\"stream\":true", "\"stream\":true,\"stream_options\":{\"include_usage\":true}", StringComparison.Ordinal)
            : Chat(maxTokens: 1000);

        // Act
        var first = await PostAsync(client, request);
        var body = await first.Content.ReadAsStringAsync();
        var second = await PostAsync(client, request);

        // Assert: each request is charged 7 + 1000 first; the first is then corrected to its usage
        var usage = stream ? ServerSentEvents.Chunks(body)[^1].GetProperty("usage") : JsonDocument.Parse(body).RootElement.GetProperty("usage");
        var used = usage.GetProperty("total_tokens").GetInt64();
        Assert.That(used, Is.GreaterThan(0).And.LessThan(1007));
        Assert.That(Header(first, "x-ratelimit-remaining-tokens"), Is.EqualTo("8993"));
        Assert.That(Header(second, "x-ratelimit-remaining-tokens"), Is.EqualTo((10000 - used - 1007).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task Embeddings_TokensPerMinute_CountTheInputsAndAreCorrectedByTheReportedUsage()
    {
        // Arrange
        await using var factory = Gateway(("TokensPerMinute", "10000"));
        using var client = Client(factory);
        const string request = """{"model":"default","input":["The quick brown fox jumped","x"]}""";

        // Act
        var first = await client.PostAsync("/v1/embeddings", ChatCompletionsEndpointTests.Json(request));
        var second = await client.PostAsync("/v1/embeddings", ChatCompletionsEndpointTests.Json(request));
        var ids = await client.PostAsync("/v1/embeddings", ChatCompletionsEndpointTests.Json("""{"model":"default","input":[[1,2,3],[4]]}"""));

        // Assert: each text request is charged 26/4 → 7 plus 1/4 → 1 first; echo then reports 6 (its words)
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Header(first, "x-ratelimit-remaining-tokens"), Is.EqualTo("9992"));
        Assert.That(Header(second, "x-ratelimit-remaining-tokens"), Is.EqualTo("9986"));
        Assert.That(Header(ids, "x-ratelimit-remaining-tokens"), Is.EqualTo("9984"), "both text requests corrected to 6; token ids counted exactly: 4");
    }

    [Test]
    public async Task Embeddings_MoreInputTokensThanTheLimit_Returns429()
    {
        // Arrange
        await using var factory = Gateway(("TokensPerMinute", "100"));
        using var client = Client(factory);
        var input = "[" + string.Join(",", Enumerable.Repeat("\"four\"", 101)) + "]";

        // Act
        var refused = await client.PostAsync("/v1/embeddings", ChatCompletionsEndpointTests.Json($$"""{"model":"default","input":{{input}}}"""));

        // Assert
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That((await ErrorOf(refused)).GetProperty("message").GetString(), Does.Contain("limit 100, this request alone needs about 101"));
    }

    [Test]
    public async Task Post_RequestLargerThanTheTokenLimit_Returns429SayingSo()
    {
        // Arrange
        await using var factory = Gateway(("TokensPerMinute", "100"));
        using var client = Client(factory);

        // Act
        var refused = await PostAsync(client, Chat(maxTokens: 500));

        // Assert
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That((await ErrorOf(refused)).GetProperty("message").GetString(), Does.Contain("tokens per minute: limit 100, this request alone needs about 507"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Post_OverMaxConcurrentRequests_Returns429UntilTheStreamEndsOrIsCancelled(bool cancel)
    {
        // Arrange
        var provider = new GatedChatClient();
        await using var factory = Gateway(("MaxConcurrentRequests", "1"), ("RequestsPerMinute", "100")).WithProvider("gated", provider, "gated");
        using var client = Client(factory);
        using var aborted = new CancellationTokenSource();
        using var streaming = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = ChatCompletionsEndpointTests.Json("""{"model":"gated","messages":[{"role":"user","content":"Hi"}],"stream":true}"""),
        };
        var open = await client.SendAsync(streaming, HttpCompletionOption.ResponseHeadersRead, aborted.Token);
        var reader = new StreamReader(await open.Content.ReadAsStreamAsync(aborted.Token));
        Assert.That(await reader.ReadLineAsync(aborted.Token), Does.StartWith("data: "), "the stream has started");

        // Act
        var refused = await PostAsync(client, Chat());
        if (cancel)
        {
            await aborted.CancelAsync();
            open.Dispose();
        }
        else
        {
            provider.Release();
            Assert.That(await reader.ReadToEndAsync(), Does.EndWith("data: [DONE]\n\n"));
        }

        // Assert
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That((await ErrorOf(refused)).GetProperty("message").GetString(), Is.EqualTo("Too many concurrent requests for the API key 'team': at most 1 at a time."));
        Assert.That(refused.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(Header(refused, "x-ratelimit-remaining-requests"), Is.EqualTo("99"), "a refused request is not counted");

        // The slot is freed when the request has ended on the server, just after the client saw its end.
        Assert.That(async () => (await PostAsync(client, Chat())).StatusCode, Is.EqualTo(HttpStatusCode.OK).After(5000, 20));
        reader.Dispose();
        open.Dispose();
    }

    [Test]
    public async Task Post_UnlimitedKey_SendsNoRateLimitHeaders()
    {
        // Arrange
        await using var factory = Gateway();
        using var client = Client(factory);

        // Act
        var response = await PostAsync(client, Chat());

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(RateLimitHeaders(response), Is.Empty);
    }

    [Test]
    public async Task Post_OpenModeWithAnonymousLimits_LimitsPerClientAddress()
    {
        // Arrange
        await using var factory = new LanguruFactory()
            .With("Languru:Limits:Anonymous:RequestsPerMinute", "1")
            .WithServices(s => s.AddSingleton<TimeProvider>(_time));
        using var client = factory.CreateClient();

        // Act
        var first = await PostAsync(client, Chat());
        var refused = await PostAsync(client, Chat());

        // Assert
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Header(first, "x-ratelimit-limit-requests"), Is.EqualTo("1"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That((await ErrorOf(refused)).GetProperty("message").GetString(), Does.StartWith("Rate limit reached for the client "));
    }

    [Test]
    public async Task GetModels_KeyWithLimits_IsCountedAndCarriesTheHeaders()
    {
        // Arrange
        await using var factory = Gateway(("RequestsPerMinute", "5"));
        using var client = Client(factory);

        // Act
        var response = await client.GetAsync("/v1/models");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Header(response, "x-ratelimit-remaining-requests"), Is.EqualTo("4"));
    }
}

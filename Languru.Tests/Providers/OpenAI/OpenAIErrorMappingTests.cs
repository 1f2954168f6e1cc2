using Languru.Providers.Chat;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Languru.Tests.Providers.OpenAI;

public class OpenAIErrorMappingTests
{
    private FakeUpstream _upstream = null!;

    [OneTimeSetUp]
    public async Task StartUpstream() => _upstream = await FakeUpstream.StartAsync();

    [OneTimeTearDown]
    public async Task StopUpstream() => await _upstream.DisposeAsync();

    private async Task<ChatProviderException> FailAsync(Func<Microsoft.AspNetCore.Http.HttpContext, Task> handler, bool stream = false)
    {
        _upstream.Handler = handler;
        using var providers = new OpenAIProviders(_upstream.BaseUrl, ("ApiKey", "sk-secret-key-0123456789"));
        var client = providers.Create().Client!;
        var messages = new[] { new ChatMessage(ChatRole.User, "x") };
        var options = new ChatOptions { ModelId = "gpt-x" };
        try
        {
            if (stream)
            {
                await client.GetStreamingResponseAsync(messages, options).ToListAsync();
            }
            else
            {
                await client.GetResponseAsync(messages, options);
            }
        }
        catch (ChatProviderException ex)
        {
            return ex;
        }

        throw new AssertionException("expected a ChatProviderException");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Upstream400_IsAnInvalidRequestWithTheUpstreamsMessageParamAndCode(bool stream)
    {
        // Act
        var ex = await FailAsync(Respond.Json(OpenAIFixtures.Error("Invalid 'messages[0].content': string too long.", "invalid_request_error", "messages[0].content", "string_above_max_length"), 400), stream);

        // Assert
        Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.InvalidRequest));
        Assert.That(ex.Message, Is.EqualTo("Invalid 'messages[0].content': string too long."));
        Assert.That((ex.Param, ex.Code), Is.EqualTo(("messages[0].content", "string_above_max_length")));
    }

    [TestCase(401)]
    [TestCase(403)]
    public async Task UpstreamRefusesTheKey_IsAnUpstreamErrorThatQuotesNothingOfIt(int status)
    {
        // Act
        var ex = await FailAsync(Respond.Json(OpenAIFixtures.Error("Incorrect API key provided: sk-secr***************6789.", "invalid_request_error", code: "invalid_api_key"), status));

        // Assert
        Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.UpstreamError));
        Assert.That(ex.Message, Is.EqualTo($"The upstream 'up' refused the gateway's credentials ({status}); check Languru:Providers:up:ApiKey or its environment variable."));
        Assert.That(ex.Message, Does.Not.Contain("sk-"));
        Assert.That(ex.Code, Is.EqualTo("upstream_auth_failed"));
    }

    [Test]
    public async Task Upstream404ForTheModel_IsModelNotFound()
    {
        // Act
        var ex = await FailAsync(Respond.Json(OpenAIFixtures.Error("The model `gpt-x` does not exist or you do not have access to it.", "invalid_request_error", code: "model_not_found"), 404));

        // Assert
        Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.ModelNotFound));
        Assert.That(ex.Message, Is.EqualTo("The upstream 'up' does not know the model 'gpt-x': The model `gpt-x` does not exist or you do not have access to it."));
        Assert.That(ex.Code, Is.EqualTo("model_not_found"));
    }

    [Test]
    public async Task Upstream404ForTheUrl_PointsAtTheBaseUrlSetting()
    {
        // Act
        var ex = await FailAsync(context => { context.Response.StatusCode = 404; return Task.CompletedTask; });

        // Assert
        Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.UpstreamError));
        Assert.That(ex.Message, Is.EqualTo("The upstream 'up' answered 404 for its chat completions URL; check Languru:Providers:up:BaseUrl."));
        Assert.That(ex.Detail, Does.StartWith($"{_upstream.BaseUrl}v1"), "the address is for the log only");
    }

    [TestCase("retry-after", "7", 7000)]
    [TestCase("retry-after-ms", "1500", 1500)]
    public async Task Upstream429_IsRateLimitedWithTheUpstreamsRetryAfter(string header, string value, int milliseconds)
    {
        // Act
        var ex = await FailAsync(Respond.Json(OpenAIFixtures.Error("Rate limit reached for requests", "requests", code: "rate_limit_exceeded"), 429, (header, value)));

        // Assert
        Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.RateLimited));
        Assert.That(ex.Message, Is.EqualTo("Rate limit reached for requests"));
        Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Test]
    public async Task Upstream503_IsUnavailableWithRetryAfter()
    {
        // Act
        var ex = await FailAsync(Respond.Json(OpenAIFixtures.Error("The engine is currently overloaded, please try again later.", "server_error"), 503, ("retry-after", "2")));

        // Assert
        Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.Unavailable));
        Assert.That(ex.Message, Is.EqualTo("The upstream 'up' is unavailable (503): The engine is currently overloaded, please try again later."));
        Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(2)));
    }

    [TestCase(500, """{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}""", "The upstream 'up' failed with 500: The server had an error while processing your request.")]
    [TestCase(502, "<html><center>nginx/1.25.3</center></html>", "The upstream 'up' failed with 502.")]
    [TestCase(500, """{"detail":"CUDA out of memory"}""", "The upstream 'up' failed with 500.")]
    [TestCase(500, """{"error":"llama runner crashed"}""", "The upstream 'up' failed with 500.")]
    public async Task Upstream5xx_IsAnUpstreamError_QuotingOnlyAnOpenAIShapedError(int status, string body, string message)
    {
        // Act
        var ex = await FailAsync(Respond.Json(body, status));

        // Assert
        Assert.That(ex.Kind, Is.EqualTo(ChatProviderErrorKind.UpstreamError));
        Assert.That(ex.Message, Is.EqualTo(message));
        Assert.That(ex.Detail, Is.EqualTo(body), "what the upstream said is kept for the debug log");
        Assert.That((ex.UpstreamStatus, ex.Provider, ex.Model, ex.IsTransient), Is.EqualTo(((int?)status, "up", "gpt-x", true)));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task NothingListening_IsUnavailable_WithTheUrlOnlyInTheDetail(bool stream)
    {
        // Arrange: a port that was free a moment ago
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var providers = new OpenAIProviders(new Uri($"http://127.0.0.1:{port}/"), ("ApiKey", "sk-x"));
        var client = providers.Create().Client!;

        // Act
        var ex = stream
            ? Assert.CatchAsync(async () => await client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "m" }).ToListAsync())
            : Assert.CatchAsync(async () => await client.GetResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "m" }));

        // Assert
        Assert.That(ex, Is.TypeOf<ChatProviderException>().With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.Unavailable));
        Assert.That(ex!.Message, Is.EqualTo("Could not reach the upstream 'up'."));
        Assert.That(((ChatProviderException)ex).Detail, Does.StartWith($"http://127.0.0.1:{port}/v1: "), "the address is for the log only");
    }

    [Test]
    public void MaxRetries_TheSdkNeverRetries_TheRouterDoes()
    {
        // Arrange: retries are the router's (Resilience/RoutedChatClient), the same for every provider type.
        _upstream.Handler = Respond.Json(OpenAIFixtures.Error("overloaded", "server_error"), 500);
        var before = _upstream.Requests.Count;

        // Act
        using (var retrying = new OpenAIProviders(_upstream.BaseUrl, ("ApiKey", "k"), ("MaxRetries", "2")))
        {
            Assert.That(async () => await retrying.Create().Client!.GetResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "m" }), Throws.TypeOf<ChatProviderException>());
        }

        // Assert
        Assert.That(_upstream.Requests.Count - before, Is.EqualTo(1), "one attempt: the provider itself does not retry");
    }
}

using System.Net;
using System.Text;
using Languru.Providers.Chat;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Moq;
using static Languru.Tests.Api.ChatCompletionsEndpointTests;

namespace Languru.Tests.Api;

public class ErrorResponsesTests
{
    private LanguruFactory _factory = null!;
    private HttpClient _client = null!;
    private Mock<IChatClient> _provider = null!;

    [OneTimeSetUp]
    public void StartGateway()
    {
        _provider = new Mock<IChatClient>();
        _factory = new LanguruFactory().WithProvider("mock", _provider.Object, "mock-model");
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopGateway()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [SetUp]
    public void ResetProvider() => _provider.Reset();

    private static async Task AssertError(HttpResponseMessage response, HttpStatusCode status, string envelope)
    {
        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(envelope));
    }

    [Test]
    public async Task MalformedJson_Is400WithTheReadersReason()
    {
        // Act
        var response = await _client.PostAsync("/v1/chat/completions", Json("""{"model": "default", "messages": [}"""));

        // Assert
        await AssertError(response, HttpStatusCode.BadRequest,
            """{"error":{"message":"The request body is not valid JSON: '}' is an invalid start of a value (line 1, byte 35).","type":"invalid_request_error","param":null,"code":"invalid_json"}}""");
    }

    [Test]
    public async Task WrongType_Is400NamingTheFieldAndTheExpectedType()
    {
        // Act
        var response = await _client.PostAsync("/v1/chat/completions", Json("""{"model":"default","messages":[{"role":"user","content":"x"}],"temperature":"hot"}"""));

        // Assert
        await AssertError(response, HttpStatusCode.BadRequest,
            """{"error":{"message":"Invalid type for 'temperature': expected a number.","type":"invalid_request_error","param":"temperature","code":"invalid_type"}}""");
    }

    [TestCase("")]
    [TestCase("null")]
    public async Task EmptyBody_Is400(string body)
    {
        // Act
        var response = await _client.PostAsync("/v1/chat/completions", Json(body));

        // Assert
        await AssertError(response, HttpStatusCode.BadRequest,
            """{"error":{"message":"The request body is empty or not a JSON object: send e.g. {\"model\":\"default\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}.","type":"invalid_request_error","param":null,"code":null}}""");
    }

    [Test]
    public async Task ValidationFailure_Is400WithTheExactParam()
    {
        // Act
        var response = await _client.PostAsync("/v1/chat/completions",
            Json("""{"model":"default","messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"},{"role":"wizard","content":"c"}]}"""));

        // Assert
        await AssertError(response, HttpStatusCode.BadRequest,
            """{"error":{"message":"Invalid value for 'messages[2].role': 'wizard'. Supported values are: 'system', 'developer', 'user', 'assistant', 'tool', 'function'.","type":"invalid_request_error","param":"messages[2].role","code":"invalid_value"}}""");
    }

    [Test]
    public async Task AudioOutput_Is400BeforeAnyProviderIsCalled()
    {
        // Act: the echo provider could answer in text, but the client asked for audio, which no provider's answer can carry back
        var response = await _client.PostAsync("/v1/chat/completions", Json("""{"model":"default","prompt":"x","modalities":["text","audio"],"audio":{"voice":"alloy","format":"wav"}}"""));

        // Assert
        await AssertError(response, HttpStatusCode.BadRequest,
            """{"error":{"message":"Audio output is not supported by this gateway: the answer's audio could not be passed back. Ask for text only.","type":"invalid_request_error","param":"modalities","code":"unsupported_parameter"}}""");
    }

    [Test]
    public async Task UnknownModel_Is404ModelNotFoundListingTheModels()
    {
        // Act
        var response = await _client.PostAsync("/v1/chat/completions", Json("""{"model":"claude-9","prompt":"x"}"""));

        // Assert
        await AssertError(response, HttpStatusCode.NotFound,
            """{"error":{"message":"The model 'claude-9' does not exist. Models you can use: echo, mock-model, default, echo/<model>, mock/<model>. To serve another name, add it to Languru:Aliases or to a provider's Languru:Providers:<name>:Models (see docs/configuration.md).","type":"invalid_request_error","param":"model","code":"model_not_found"}}""");
    }

    [Test]
    public async Task OpenAIModelWithoutAKey_Is404NamingTheVariableToSet()
    {
        // Act (the seed's curl example, with no OPENAI_API_KEY)
        var response = await _client.PostAsync("/chat/completions",
            Json("""{"model": "gpt-4o-mini", "prompt": "Hello, how are you?", "max_tokens": 100, "temperature": 0.7, "stream": false}"""));

        // Assert
        await AssertError(response, HttpStatusCode.NotFound,
            """{"error":{"message":"The model 'gpt-4o-mini' is served by provider 'openai', which is not configured: set the OPENAI_API_KEY environment variable (or Languru:Providers:openai:ApiKey).","type":"invalid_request_error","param":"model","code":"model_not_found"}}""");
    }

    [Test]
    public async Task UnknownUrl_Is404()
    {
        // Act
        var response = await _client.GetAsync("/v1/completions/nothing");

        // Assert
        await AssertError(response, HttpStatusCode.NotFound,
            """{"error":{"message":"Unknown request URL: GET /v1/completions/nothing. This gateway does not serve that endpoint; it serves POST /v1/chat/completions, POST /v1/embeddings, GET /v1/models, GET /v1/models/{id}, POST /v1/responses, DELETE /v1/responses/{responseId}, GET /v1/responses/{responseId}, GET /v1/responses/{responseId}/input_items (see /docs).","type":"invalid_request_error","param":null,"code":"unknown_url"}}""");
    }

    [Test]
    public async Task WrongMethod_Is405NamingTheAllowedOne()
    {
        // Act
        var response = await _client.GetAsync("/v1/chat/completions");

        // Assert
        await AssertError(response, HttpStatusCode.MethodNotAllowed,
            """{"error":{"message":"Method GET is not allowed on /v1/chat/completions; allowed: POST.","type":"invalid_request_error","param":null,"code":"method_not_allowed"}}""");
        Assert.That(response.Content.Headers.Allow, Is.EquivalentTo(new[] { "POST" }));
    }

    [Test]
    public async Task WrongContentType_Is415()
    {
        // Act
        var response = await _client.PostAsync("/v1/chat/completions", new StringContent("model=default", Encoding.UTF8, "application/x-www-form-urlencoded"));

        // Assert
        await AssertError(response, HttpStatusCode.UnsupportedMediaType,
            """{"error":{"message":"Unsupported Content-Type 'application/x-www-form-urlencoded; charset=utf-8': send the request body as JSON with 'Content-Type: application/json'.","type":"invalid_request_error","param":null,"code":"unsupported_media_type"}}""");
    }

    [Test]
    public async Task UnhandledException_Is500WithoutDetailsButWithTheRequestId()
    {
        // Arrange
        _provider.Setup(p => p.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("secret internal detail sk-live-123"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json("""{"model":"mock-model","prompt":"x"}""") };
        request.Headers.Add("x-request-id", "trace-42");

        // Act
        var response = await _client.SendAsync(request);

        // Assert
        await AssertError(response, HttpStatusCode.InternalServerError,
            """{"error":{"message":"The gateway had an error while processing your request. Quote request id trace-42 when reporting it.","type":"server_error","param":null,"code":null}}""");
        Assert.That(response.Headers.GetValues("x-request-id"), Is.EqualTo(new[] { "trace-42" }));
    }

    [TestCase(ChatProviderErrorKind.InvalidRequest, HttpStatusCode.BadRequest, "invalid_request_error", "invalid_value")]
    [TestCase(ChatProviderErrorKind.ModelNotFound, HttpStatusCode.NotFound, "invalid_request_error", "model_not_found")]
    [TestCase(ChatProviderErrorKind.RateLimited, HttpStatusCode.TooManyRequests, "rate_limit_error", "rate_limit_exceeded")]
    [TestCase(ChatProviderErrorKind.UpstreamError, HttpStatusCode.BadGateway, "server_error", "upstream_error")]
    [TestCase(ChatProviderErrorKind.Unavailable, HttpStatusCode.ServiceUnavailable, "server_error", "upstream_unavailable")]
    [TestCase(ChatProviderErrorKind.Timeout, HttpStatusCode.GatewayTimeout, "timeout_error", "upstream_timeout")]
    public async Task ProviderFailure_MapsToItsStatus(ChatProviderErrorKind kind, HttpStatusCode status, string type, string code)
    {
        // Arrange
        _provider.Setup(p => p.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChatProviderException(kind, "what the provider said"));

        // Act
        var response = await _client.PostAsync("/v1/chat/completions", Json("""{"model":"mock-model","prompt":"x"}"""));

        // Assert
        var param = kind == ChatProviderErrorKind.ModelNotFound ? "\"model\"" : "null";
        await AssertError(response, status, $$$"""{"error":{"message":"what the provider said","type":"{{{type}}}","param":{{{param}}},"code":"{{{code}}}"}}""");
    }

    [TestCase(ChatProviderErrorKind.RateLimited)]
    [TestCase(ChatProviderErrorKind.Unavailable)]
    public async Task RetryAfter_IsSentInWholeSeconds(ChatProviderErrorKind kind)
    {
        // Arrange
        _provider.Setup(p => p.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ChatProviderException(kind, "busy") { RetryAfter = TimeSpan.FromSeconds(2.2) });

        // Act
        var response = await _client.PostAsync("/v1/chat/completions", Json("""{"model":"mock-model","prompt":"x"}"""));

        // Assert
        Assert.That(response.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task StreamFailingBeforeTheFirstChunk_IsAnOrdinaryHttpError()
    {
        // Arrange
        _provider.Setup(p => p.GetStreamingResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(AsyncEnumerables.ThenThrow(Array.Empty<ChatResponseUpdate>(), new ChatProviderException(ChatProviderErrorKind.RateLimited, "too many")));

        // Act
        var response = await _client.PostAsync("/v1/chat/completions", Json("""{"model":"mock-model","prompt":"x","stream":true}"""));

        // Assert
        await AssertError(response, HttpStatusCode.TooManyRequests,
            """{"error":{"message":"too many","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}}""");
    }

    [Test]
    public async Task StreamFailingAfterItStarted_EndsWithAnInStreamErrorEvent()
    {
        // Arrange
        _provider.Setup(p => p.GetStreamingResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(AsyncEnumerables.ThenThrow(new[] { new ChatResponseUpdate(ChatRole.Assistant, "partial") }, new ChatProviderException("The upstream stream broke.")));

        // Act
        var response = await _client.PostAsync("/v1/chat/completions", Json("""{"model":"mock-model","prompt":"x","stream":true}"""));
        var events = ServerSentEvents.Data(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(events, Has.Count.EqualTo(2));
        Assert.That(events[0], Does.Contain("\"content\":\"partial\""));
        Assert.That(events[1], Is.EqualTo("""{"error":{"message":"The upstream stream broke.","type":"server_error","param":null,"code":"upstream_error"}}"""));
    }

    [Test]
    public async Task ProviderFailure_InOneOfNChoices_FailsTheRequest()
    {
        // Arrange
        var calls = 0;
        _provider.Setup(p => p.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(() => Interlocked.Increment(ref calls) == 2
                ? Task.FromException<ChatResponse>(new ChatProviderException(ChatProviderErrorKind.Unavailable, "down"))
                : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))));

        // Act
        var response = await _client.PostAsync("/v1/chat/completions", Json("""{"model":"mock-model","prompt":"x","n":3}"""));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    [Test]
    public async Task EveryResponse_CarriesARequestId()
    {
        // Act
        var response = await _client.GetAsync("/v1/models");

        // Assert
        Assert.That(response.Headers.GetValues("x-request-id").Single(), Does.Match("^req_[a-z0-9]{24}$"));
    }
}

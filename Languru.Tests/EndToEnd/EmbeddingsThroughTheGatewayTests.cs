using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Languru.Tests.Api;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.EndToEnd;

/// <summary>
/// <c>/v1/embeddings</c> through a real gateway to a fake OpenAI upstream and a fake Ollama (real Kestrel, their exact
/// wire formats): every input form and both encodings, through each provider type.
/// </summary>
public class EmbeddingsThroughTheGatewayTests
{
    private FakeUpstream _openai = null!;
    private FakeUpstream _ollama = null!;
    private LanguruFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _openai = await FakeUpstream.StartAsync();
        _ollama = await FakeUpstream.StartAsync();
        _factory = new LanguruFactory()
            .With("OPENAI_API_KEY", "sk-gateway-secret")
            .With("OPENAI_BASE_URL", new Uri(_openai.BaseUrl, "v1").ToString())
            .With("OLLAMA_HOST", _ollama.BaseUrl.Authority)
            .With("Languru:Providers:ollama:Models:0", "nomic-embed-text");
        _client = new HttpClient { BaseAddress = _factory.StartKestrel() };
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _openai.DisposeAsync();
        await _ollama.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string json)
    {
        using var response = await _client.PostAsync("v1/embeddings", new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static bool JsonEquals(string actual, string expected) => JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(expected));

    private static IEnumerable<TestCaseData> Forms()
    {
        foreach (var encoding in new[] { "float", "base64" })
        {
            yield return new TestCaseData("""["a text","another text"]""", """["a text","another text"]""", encoding).SetArgDisplayNames("strings", encoding);
            yield return new TestCaseData("""[[1212,318],[257,1332,13]]""", """[[1212,318],[257,1332,13]]""", encoding).SetArgDisplayNames("token arrays", encoding);
        }
    }

    [TestCaseSource(nameof(Forms))]
    public async Task OpenAI_EachInputFormAndEncoding_IsForwardedAndAnsweredExactly(string input, string upstreamInput, string encoding)
    {
        // Arrange: the upstream answers in base64 (the SDK asks for it), whatever the client asked for
        _openai.Handler = Respond.Json(EmbeddingFixtures.OpenAIAnswer(EmbeddingFixtures.Vectors, base64: true, promptTokens: 5));

        // Act
        var (status, answer) = await PostAsync($$"""{"model":"text-embedding-3-small","input":{{input}},"encoding_format":"{{encoding}}","dimensions":4,"user":"u-1"}""");

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), answer.GetRawText());
        Assert.That(JsonEquals(_openai.LastRequest.Body,
            $$"""{"input":{{upstreamInput}},"model":"text-embedding-3-small","dimensions":4,"user":"u-1","encoding_format":"base64"}"""), Is.True, _openai.LastRequest.Body);
        EmbeddingsEndpointTests.AssertShape(answer, "text-embedding-3-small", 2, base64: encoding == "base64");
        Assert.That(EmbeddingsEndpointTests.Vectors(answer), Is.EqualTo(EmbeddingFixtures.Vectors), "the vectors arrive bit for bit");
        Assert.That(answer.GetProperty("usage").GetRawText(), Is.EqualTo("""{"prompt_tokens":5,"total_tokens":5}"""));
    }

    [TestCase("\"one text\"", "[\"one text\"]")]
    [TestCase("[1212,318,257]", "[[1212,318,257]]")]
    public async Task OpenAI_SingleInputForms_AreForwardedAsOneElementArrays(string input, string upstreamInput)
    {
        // Arrange
        _openai.Handler = Respond.Json(EmbeddingFixtures.OpenAIAnswer([EmbeddingFixtures.Vectors[0]], base64: false));

        // Act
        var (status, answer) = await PostAsync($$"""{"model":"openai/text-embedding-3-large","input":{{input}}}""");

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), answer.GetRawText());
        var forwarded = JsonNode.Parse(_openai.LastRequest.Body)!;
        Assert.That(forwarded["model"]!.GetValue<string>(), Is.EqualTo("text-embedding-3-large"));
        Assert.That(JsonNode.DeepEquals(forwarded["input"], JsonNode.Parse(upstreamInput)), Is.True, _openai.LastRequest.Body);
        Assert.That(EmbeddingsEndpointTests.Vectors(answer), Is.EqualTo(new[] { EmbeddingFixtures.Vectors[0] }));
    }

    [Test]
    public async Task OpenAI_FloatAnswer_IsWrittenWithTheSameDigits()
    {
        // Arrange
        _openai.Handler = Respond.Json(EmbeddingFixtures.OpenAIAnswer(EmbeddingFixtures.Vectors, base64: false));

        // Act
        using var response = await _client.PostAsync("v1/embeddings", new StringContent("""{"model":"text-embedding-3-small","input":["a","b"]}""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.That(body, Is.EqualTo(
            """{"object":"list","data":[{"object":"embedding","embedding":[0.0023064255,-0.009327292,0.015797347,-0.0028842222],"index":0},""" +
            """{"object":"embedding","embedding":[-0.5,0.25,0.125,0.8164966],"index":1}],"model":"text-embedding-3-small","usage":{"prompt_tokens":8,"total_tokens":8}}"""));
    }

    [Test]
    public async Task OpenAI_UpstreamError_IsMappedAsForChat()
    {
        // Arrange
        _openai.Handler = Respond.Json("""{"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error","param":"input","code":null}}""", 400);

        // Act
        var (status, answer) = await PostAsync("""{"model":"text-embedding-3-small","input":"very long"}""");

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.GetRawText(), Is.EqualTo(
            """{"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error","param":"input","code":"invalid_value"}}"""));
    }

    [TestCase("float")]
    [TestCase("base64")]
    public async Task Ollama_EachTextFormAndEncoding_GoesToApiEmbed(string encoding)
    {
        // Arrange
        _ollama.Handler = Respond.Json(EmbeddingFixtures.OllamaAnswer(EmbeddingFixtures.Vectors, promptTokens: 6));

        // Act
        var (status, answer) = await PostAsync($$"""{"model":"nomic-embed-text","input":["a text","another text"],"encoding_format":"{{encoding}}"}""");
        _ollama.Handler = Respond.Json(EmbeddingFixtures.OllamaAnswer([EmbeddingFixtures.Vectors[1]], promptTokens: 2));
        var (oneStatus, one) = await PostAsync($$"""{"model":"nomic-embed-text","input":"a text","encoding_format":"{{encoding}}"}""");

        // Assert
        Assert.That((status, oneStatus), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)), answer.GetRawText() + one.GetRawText());
        Assert.That(_ollama.LastRequest.Path, Is.EqualTo("/api/embed"));
        Assert.That(JsonEquals(_ollama.LastRequest.Body, """{"model":"nomic-embed-text","input":["a text"],"truncate":false}"""), Is.True, _ollama.LastRequest.Body);
        EmbeddingsEndpointTests.AssertShape(answer, "nomic-embed-text", 2, base64: encoding == "base64");
        Assert.That(EmbeddingsEndpointTests.Vectors(answer), Is.EqualTo(EmbeddingFixtures.Vectors));
        Assert.That(answer.GetProperty("usage").GetRawText(), Is.EqualTo("""{"prompt_tokens":6,"total_tokens":6}"""));
        Assert.That(EmbeddingsEndpointTests.Vectors(one), Is.EqualTo(new[] { EmbeddingFixtures.Vectors[1] }));
    }

    [TestCase("[1212,318]")]
    [TestCase("[[1212,318],[13]]")]
    public async Task Ollama_TokenIds_Is400NamingInput(string input)
    {
        // Arrange
        var before = _ollama.Requests.Count;

        // Act
        var (status, answer) = await PostAsync($$"""{"model":"nomic-embed-text","input":{{input}}}""");

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.GetProperty("error").GetProperty("param").GetString(), Is.EqualTo("input"));
        Assert.That(answer.GetProperty("error").GetProperty("message").GetString(), Does.Contain("embeds text only"));
        Assert.That(_ollama.Requests, Has.Count.EqualTo(before), "nothing was sent to Ollama");
    }

    [Test]
    public async Task ClientDisconnecting_AbortsTheUpstreamRequest()
    {
        // Arrange
        _openai.Handler = Respond.Never();
        var before = _openai.Requests.Count;
        using var leaving = new HttpClient { BaseAddress = _client.BaseAddress };
        using var cancel = new CancellationTokenSource();

        // Act
        var call = leaving.PostAsync("v1/embeddings", new StringContent("""{"model":"text-embedding-3-small","input":"x"}""", Encoding.UTF8, "application/json"), cancel.Token);
        while (_openai.Requests.Count == before)
        {
            await Task.Delay(10);
        }

        await cancel.CancelAsync();

        // Assert
        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(async () => await _openai.LastRequest.Aborted.WaitAsync(TimeSpan.FromSeconds(10)), Throws.Nothing, "the upstream saw the abort");
    }
}

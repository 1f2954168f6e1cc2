using System.Text.Json.Nodes;
using Languru.Providers.Chat;
using Languru.Providers.Embeddings;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Languru.Tests.Providers.OpenAI;

public class OpenAIEmbeddingGeneratorTests
{
    private FakeUpstream _upstream = null!;

    [OneTimeSetUp]
    public async Task StartUpstream() => _upstream = await FakeUpstream.StartAsync();

    [OneTimeTearDown]
    public async Task StopUpstream() => await _upstream.DisposeAsync();

    private IEmbeddingGenerator<string, Embedding<float>> Generator(params (string Key, string? Value)[] settings) =>
        new OpenAIProviders(_upstream.BaseUrl, [("ApiKey", "sk-test-123"), .. settings]).Create().Embeddings!;

    private static void AssertJson(string actual, string expected) =>
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(expected)), Is.True, $"actual: {actual}");

    [TestCase(true)]
    [TestCase(false)]
    public async Task GenerateAsync_Texts_SendsThemAndReadsEitherEncoding(bool upstreamSendsBase64)
    {
        // Arrange
        _upstream.Handler = Respond.Json(EmbeddingFixtures.OpenAIAnswer(EmbeddingFixtures.Vectors, upstreamSendsBase64, promptTokens: 11));
        var options = new EmbeddingGenerationOptions { ModelId = "text-embedding-3-small", Dimensions = 4, AdditionalProperties = new() { [EmbeddingOptionKeys.User] = "user-1" } };

        // Act
        var embeddings = await Generator().GenerateAsync(["first text", "second text"], options);

        // Assert
        var request = _upstream.LastRequest;
        Assert.That((request.Method, request.Path), Is.EqualTo(("POST", "/v1/embeddings")));
        Assert.That(request.Headers["Authorization"], Is.EqualTo("Bearer sk-test-123"));
        AssertJson(request.Body, """{"input":["first text","second text"],"model":"text-embedding-3-small","dimensions":4,"user":"user-1","encoding_format":"base64"}""");
        Assert.That(embeddings.Select(e => e.Vector.ToArray()), Is.EqualTo(EmbeddingFixtures.Vectors));
        Assert.That((embeddings.Usage!.InputTokenCount, embeddings.Usage.TotalTokenCount), Is.EqualTo((11, 11)));
        Assert.That(embeddings[0].ModelId, Is.EqualTo("text-embedding-3-small"));
    }

    [Test]
    public async Task GenerateAsync_TokenIds_SendsThemAsIds()
    {
        // Arrange
        _upstream.Handler = Respond.Json(EmbeddingFixtures.OpenAIAnswer(EmbeddingFixtures.Vectors, base64: true));
        var options = new EmbeddingGenerationOptions { ModelId = "text-embedding-3-small" };
        var values = EmbeddingInputs.CarryTokenIds([[1212, 318, 257], [1332, 13]], options);

        // Act
        var embeddings = await Generator().GenerateAsync(values, options);

        // Assert
        AssertJson(_upstream.LastRequest.Body, """{"input":[[1212,318,257],[1332,13]],"model":"text-embedding-3-small","encoding_format":"base64"}""");
        Assert.That(embeddings, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task GenerateAsync_UpstreamListsOutOfOrder_KeepsTheOrderOfTheInputs()
    {
        // Arrange: the same answer with the two data items swapped
        var answer = EmbeddingFixtures.OpenAIAnswer(EmbeddingFixtures.Vectors, base64: false);
        var swapped = JsonNode.Parse(answer)!;
        var data = swapped["data"]!.AsArray();
        var first = data[0]!.DeepClone();
        data[0] = data[1]!.DeepClone();
        data[1] = first;
        _upstream.Handler = Respond.Json(swapped.ToJsonString());

        // Act
        var embeddings = await Generator().GenerateAsync(["a", "b"], new EmbeddingGenerationOptions { ModelId = "m" });

        // Assert
        Assert.That(embeddings.Select(e => e.Vector.ToArray()), Is.EqualTo(EmbeddingFixtures.Vectors));
    }

    [Test]
    public void GenerateAsync_UpstreamRateLimits_IsRateLimitedWithRetryAfter()
    {
        // Arrange
        _upstream.Handler = Respond.Json(
            """{"error":{"message":"Rate limit reached for text-embedding-3-small.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""",
            429, ("retry-after", "7"));

        // Act & Assert
        Assert.That(async () => await Generator().GenerateAsync(["x"], new EmbeddingGenerationOptions { ModelId = "m" }),
            Throws.TypeOf<ChatProviderException>()
                .With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.RateLimited)
                .And.Property(nameof(ChatProviderException.RetryAfter)).EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public void GenerateAsync_UpstreamRefusesTheKey_IsAnUpstreamErrorThatNeverQuotesIt()
    {
        // Arrange
        _upstream.Handler = Respond.Json("""{"error":{"message":"Incorrect API key provided: sk-test-123.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""", 401);

        // Act & Assert
        Assert.That(async () => await Generator().GenerateAsync(["x"], new EmbeddingGenerationOptions { ModelId = "m" }),
            Throws.TypeOf<ChatProviderException>()
                .With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.UpstreamError)
                .And.Message.Not.Contain("sk-test-123"));
    }

    [Test]
    public void GenerateAsync_NeverAnswers_IsATimeoutNamingTheSetting()
    {
        // Arrange
        _upstream.Handler = Respond.Never();

        // Act & Assert
        Assert.That(async () => await Generator(("Timeout", "00:00:00.300")).GenerateAsync(["x"], new EmbeddingGenerationOptions { ModelId = "m" }),
            Throws.TypeOf<ChatProviderException>()
                .With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.Timeout)
                .And.Message.Contains("Languru:Providers:up:Timeout"));
    }

    [Test]
    public async Task GenerateAsync_CallerCancels_AbortsTheUpstreamRequest()
    {
        // Arrange
        _upstream.Handler = Respond.Never();
        using var cancel = new CancellationTokenSource();
        var before = _upstream.Requests.Count;

        // Act
        var call = Generator().GenerateAsync(["x"], new EmbeddingGenerationOptions { ModelId = "m" }, cancel.Token);
        while (_upstream.Requests.Count == before)
        {
            await Task.Delay(10);
        }

        var request = _upstream.LastRequest;
        await cancel.CancelAsync();

        // Assert
        Assert.That(async () => await call.WaitAsync(TimeSpan.FromSeconds(10)), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(async () => await request.Aborted.WaitAsync(TimeSpan.FromSeconds(10)), Throws.Nothing, "the upstream saw the abort");
    }
}

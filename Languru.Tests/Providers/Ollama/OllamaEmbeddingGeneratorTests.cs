using System.Text.Json.Nodes;
using Languru.Providers.Chat;
using Languru.Providers.Embeddings;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Languru.Tests.Providers.Ollama;

public class OllamaEmbeddingGeneratorTests
{
    private FakeUpstream _upstream = null!;

    [OneTimeSetUp]
    public async Task StartUpstream() => _upstream = await FakeUpstream.StartAsync();

    [OneTimeTearDown]
    public async Task StopUpstream() => await _upstream.DisposeAsync();

    private IEmbeddingGenerator<string, Embedding<float>> Generator(params (string Key, string? Value)[] settings) =>
        new OllamaProviders(_upstream.BaseUrl, settings).Create().Embeddings!;

    private static void AssertJson(string actual, string expected) =>
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(expected)), Is.True, $"actual: {actual}");

    [Test]
    public async Task GenerateAsync_SendsEveryInputToApiEmbedAndReadsTheVectors()
    {
        // Arrange
        _upstream.Handler = Respond.Json(EmbeddingFixtures.OllamaAnswer(EmbeddingFixtures.Vectors, promptTokens: 6));
        var options = new EmbeddingGenerationOptions { ModelId = "nomic-embed-text", Dimensions = 4 };

        // Act
        var embeddings = await Generator(("KeepAlive", "10m"), ("Options:num_ctx", "8192")).GenerateAsync(["first text", "second text"], options);

        // Assert
        var request = _upstream.LastRequest;
        Assert.That((request.Method, request.Path), Is.EqualTo(("POST", "/api/embed")));
        AssertJson(request.Body, """{"model":"nomic-embed-text","input":["first text","second text"],"truncate":false,"dimensions":4,"options":{"num_ctx":8192},"keep_alive":"10m"}""");
        Assert.That(embeddings.Select(e => e.Vector.ToArray()), Is.EqualTo(EmbeddingFixtures.Vectors));
        Assert.That((embeddings.Usage!.InputTokenCount, embeddings.Usage.TotalTokenCount), Is.EqualTo((6, 6)));
    }

    [Test]
    public void GenerateAsync_TokenIds_Is400NamingInputWithoutCallingOllama()
    {
        // Arrange
        var before = _upstream.Requests.Count;
        var options = new EmbeddingGenerationOptions { ModelId = "nomic-embed-text" };
        var values = EmbeddingInputs.CarryTokenIds([[1, 2, 3]], options);

        // Act & Assert
        Assert.That(async () => await Generator().GenerateAsync(values, options),
            Throws.TypeOf<ChatProviderException>()
                .With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.InvalidRequest)
                .And.Property(nameof(ChatProviderException.Param)).EqualTo("input"));
        Assert.That(_upstream.Requests, Has.Count.EqualTo(before));
    }

    [Test]
    public void GenerateAsync_UnknownModel_IsModelNotFoundWithThePullCommand()
    {
        // Arrange
        _upstream.Handler = Respond.Json("""{"error":"model \"all-minilm\" not found, try pulling it first"}""", 404);

        // Act & Assert
        Assert.That(async () => await Generator().GenerateAsync(["x"], new EmbeddingGenerationOptions { ModelId = "all-minilm" }),
            Throws.TypeOf<ChatProviderException>()
                .With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.ModelNotFound)
                .And.Message.Contains("ollama pull all-minilm"));
    }

    [Test]
    public void GenerateAsync_AModelThatCannotEmbed_Is400WithOllamasMessage()
    {
        // Arrange
        _upstream.Handler = Respond.Json("""{"error":"\"llama3.2\" does not support embeddings"}""", 400);

        // Act & Assert
        Assert.That(async () => await Generator().GenerateAsync(["x"], new EmbeddingGenerationOptions { ModelId = "llama3.2" }),
            Throws.TypeOf<ChatProviderException>()
                .With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.InvalidRequest)
                .And.Message.EqualTo("\"llama3.2\" does not support embeddings"));
    }

    [Test]
    public void GenerateAsync_FewerVectorsThanInputs_IsAnUpstreamError()
    {
        // Arrange
        _upstream.Handler = Respond.Json(EmbeddingFixtures.OllamaAnswer([EmbeddingFixtures.Vectors[0]]));

        // Act & Assert
        Assert.That(async () => await Generator().GenerateAsync(["a", "b"], new EmbeddingGenerationOptions { ModelId = "m" }),
            Throws.TypeOf<ChatProviderException>().With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.UpstreamError));
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
}

using System.ClientModel;
using Languru.Tests.Infrastructure;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Languru.Tests.EndToEnd;

/// <summary>The official OpenAI .NET SDK, unchanged, pointed at a real gateway.</summary>
public class OpenAISdkTests
{
    private LanguruFactory _factory = null!;
    private Uri _baseUrl = null!;

    [OneTimeSetUp]
    public void StartGateway()
    {
        _factory = new LanguruFactory();
        _baseUrl = _factory.StartKestrel();
    }

    [OneTimeTearDown]
    public async Task StopGateway() => await _factory.DisposeAsync();

    private ChatClient Client(string model) =>
        new(model, new ApiKeyCredential("sk-unused"), new OpenAIClientOptions { Endpoint = new Uri(_baseUrl, "v1") });

    [Test]
    public async Task CompleteChat_ReturnsTheAnswerWithUsage()
    {
        // Act
        ChatCompletion completion = await Client("default").CompleteChatAsync(
            [new SystemChatMessage("Be brief."), new UserChatMessage("Tell me a joke")],
            new ChatCompletionOptions { MaxOutputTokenCount = 50, Temperature = 0.2f });

        // Assert
        Assert.That(completion.Content.Single().Text, Is.EqualTo("Tell me a joke"));
        Assert.That(completion.Role, Is.EqualTo(ChatMessageRole.Assistant));
        Assert.That(completion.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(completion.Model, Is.EqualTo("default"));
        Assert.That(completion.Id, Does.StartWith("chatcmpl-"));
        Assert.That(completion.CreatedAt, Is.EqualTo(TestClock.Start));
        Assert.That((completion.Usage.InputTokenCount, completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount), Is.EqualTo((6, 4, 10)));
    }

    [Test]
    public async Task CompleteChat_MaxOutputTokens_IsHonoured()
    {
        // Act
        ChatCompletion completion = await Client("echo").CompleteChatAsync(
            [new UserChatMessage("one two three four five")], new ChatCompletionOptions { MaxOutputTokenCount = 3 });

        // Assert
        Assert.That(completion.Content.Single().Text, Is.EqualTo("one two three"));
        Assert.That(completion.FinishReason, Is.EqualTo(ChatFinishReason.Length));
    }

    [Test]
    public async Task CompleteChatStreaming_StreamsTheAnswerAndTheUsage()
    {
        // Arrange
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        var updates = 0;

        // Act
        await foreach (var update in Client("default").CompleteChatStreamingAsync([new UserChatMessage("Hello there, gateway")]))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        // Assert
        Assert.That(text.ToString(), Is.EqualTo("Hello there, gateway"));
        Assert.That(finish, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(usage, Is.Not.Null, "the SDK asks for include_usage and must get the usage chunk");
        Assert.That((usage!.InputTokenCount, usage.OutputTokenCount), Is.EqualTo((3, 3)));
        Assert.That(updates, Is.GreaterThanOrEqualTo(5), "three words, the finish, and the usage arrive as separate updates");
    }

    [Test]
    public void CompleteChat_UnknownModel_SurfacesAs404WithTheMessage()
    {
        // Act
        var ex = Assert.ThrowsAsync<ClientResultException>(async () => await Client("claude-9").CompleteChatAsync([new UserChatMessage("x")]));

        // Assert
        Assert.That(ex!.Status, Is.EqualTo(404));
        Assert.That(ex.Message, Does.Contain("The model 'claude-9' does not exist."));
    }

    [Test]
    public void CompleteChat_InvalidParameter_SurfacesAs400NamingIt()
    {
        // Act
        var ex = Assert.ThrowsAsync<ClientResultException>(async () =>
            await Client("default").CompleteChatAsync([new UserChatMessage("x")], new ChatCompletionOptions { Temperature = 5f }));

        // Assert
        Assert.That(ex!.Status, Is.EqualTo(400));
        Assert.That(ex.Message, Does.Contain("Invalid 'temperature': decimal above maximum value."));
    }

    private EmbeddingClient EmbeddingClient(string model) =>
        new(model, new ApiKeyCredential("sk-unused"), new OpenAIClientOptions { Endpoint = new Uri(_baseUrl, "v1") });

    [Test]
    public async Task GenerateEmbeddings_TextsAndDimensions_ThroughTheSdksBase64()
    {
        // Act: the SDK asks for base64 and decodes it
        OpenAIEmbeddingCollection embeddings = await EmbeddingClient("default").GenerateEmbeddingsAsync(
            ["the cat sat on the mat", "the cat sat on the mat", "stock prices fell"], new EmbeddingGenerationOptions { Dimensions = 64 });

        // Assert
        Assert.That(embeddings.Select(e => e.Index), Is.EqualTo(new[] { 0, 1, 2 }));
        var vectors = embeddings.Select(e => e.ToFloats()).ToList();
        Assert.That(vectors.Select(v => v.Length), Is.All.EqualTo(64));
        Assert.That(EmbeddingFixtures.Dot(vectors[0], vectors[0]), Is.EqualTo(1).Within(1e-5));
        Assert.That(vectors[1].ToArray(), Is.EqualTo(vectors[0].ToArray()));
        Assert.That(embeddings.Model, Is.EqualTo("default"));
        Assert.That((embeddings.Usage.InputTokenCount, embeddings.Usage.TotalTokenCount), Is.EqualTo((15, 15)));
    }

    [Test]
    public async Task GenerateEmbeddings_TokenIds_AreEmbedded()
    {
        // Act
        OpenAIEmbeddingCollection embeddings = await EmbeddingClient("echo").GenerateEmbeddingsAsync(
            [new ReadOnlyMemory<int>([1212, 318, 257]), new ReadOnlyMemory<int>([13])]);
        OpenAIEmbedding single = await EmbeddingClient("echo").GenerateEmbeddingAsync("1212 318 257");

        // Assert
        Assert.That(embeddings, Has.Count.EqualTo(2));
        Assert.That(embeddings[0].ToFloats().ToArray(), Is.EqualTo(single.ToFloats().ToArray()), "the echo provider hashes ids as it hashes words");
        Assert.That(embeddings.Usage.InputTokenCount, Is.EqualTo(4));
    }

    [Test]
    public void GenerateEmbeddings_AnEmptyText_SurfacesAs400NamingIt()
    {
        // Act
        var ex = Assert.ThrowsAsync<ClientResultException>(async () => await EmbeddingClient("default").GenerateEmbeddingsAsync(["a", ""]));

        // Assert
        Assert.That(ex!.Status, Is.EqualTo(400));
        Assert.That(ex.Message, Does.Contain("Invalid 'input[1]': empty string."));
    }
}

using Languru.Client;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Clients;

/// <summary>The checked-in NSwag C# client (compiled into this project) against a real gateway.</summary>
public class NSwagCSharpClientTests
{
    private LanguruFactory _factory = null!;
    private HttpClient _http = null!;
    private LanguruClient _client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _factory = new LanguruFactory();
        var gateway = _factory.StartKestrel();
        _http = new HttpClient();
        _client = new LanguruClient(gateway.ToString().TrimEnd('/'), _http);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
    }

    [Test]
    public async Task CreateGetAndDeleteResponse_WorkWithTheTypedClient()
    {
        // Act
        var created = await _client.CreateResponseAsync(new CreateResponseRequest { Model = "default", Input = "Tell me a joke" });
        var fetched = await _client.GetResponseAsync(created.Id);
        var items = await _client.ListInputItemsAsync(created.Id, null, "asc", null);
        var deleted = await _client.DeleteResponseAsync(created.Id);

        // Assert
        Assert.That(created.Status, Is.EqualTo("completed"));
        Assert.That(created.Output!.Single().Type, Is.EqualTo("message"));
        Assert.That(fetched.Id, Is.EqualTo(created.Id));
        Assert.That(items.Data!.Single().Role, Is.EqualTo("user"));
        Assert.That(deleted.Deleted, Is.True);
        var missing = Assert.ThrowsAsync<ApiException<ErrorResponse>>(() => _client.GetResponseAsync(created.Id));
        Assert.That(missing!.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task CreateChatCompletion_ReturnsTheTypedCompletion()
    {
        // Act
        var completion = await _client.CreateChatCompletionAsync(new ChatCompletionRequest
        {
            Model = "default",
            Messages = [new ChatCompletionRequestMessage { Role = "user", Content = "Tell me a joke" }],
            Max_tokens = 3,
        });

        // Assert
        Assert.That(completion.Object, Is.EqualTo("chat.completion"));
        Assert.That(completion.Id, Does.StartWith("chatcmpl-"));
        var choice = completion.Choices.Single();
        Assert.That((choice.Index, choice.Message.Role, choice.Message.Content, choice.Finish_reason), Is.EqualTo((0, "assistant", "Tell me a", "length")));
        Assert.That((completion.Usage!.Prompt_tokens, completion.Usage.Completion_tokens), Is.EqualTo((4, 3)));
    }

    [Test]
    public async Task UnionFields_CanBeSentInEveryForm()
    {
        // Act: content as parts, stop as an array and as a string, tool_choice as a mode and as a named function
        var parts = await _client.CreateChatCompletionAsync(new ChatCompletionRequest
        {
            Model = "default",
            Messages = [new ChatCompletionRequestMessage { Role = "user", Content = new[] { new ContentPart { Type = "text", Text = "one two. three" } } }],
            Stop = new[] { ".", "!" },
        });
        var stopString = await _client.CreateChatCompletionAsync(new ChatCompletionRequest { Model = "default", Prompt = "a b; c", Stop = ";" });
        var tools = new[] { new ChatTool { Type = "function", Function = new FunctionDefinition { Name = "f" } } };
        var mode = await _client.CreateChatCompletionAsync(new ChatCompletionRequest { Model = "default", Prompt = "x", Tools = tools, Tool_choice = "auto" });
        var named = await _client.CreateChatCompletionAsync(new ChatCompletionRequest
        {
            Model = "default",
            Prompt = "x",
            Tools = tools,
            Tool_choice = new NamedToolChoice { Type = "function", Function = new FunctionName { Name = "f" } },
        });

        // Assert
        Assert.That(parts.Choices.Single().Message.Content, Is.EqualTo("one two"));
        Assert.That(stopString.Choices.Single().Message.Content, Is.EqualTo("a b"));
        Assert.That(mode.Choices.Single().Message.Content, Is.EqualTo("x"));
        Assert.That(named.Choices.Single().Message.Content, Is.EqualTo("x"));
    }

    [Test]
    public async Task ListAndRetrieveModels_ReturnTheTypedModels()
    {
        // Act
        var list = await _client.ListModelsAsync();
        var one = await _client.RetrieveModelAsync("echo/anything");

        // Assert
        Assert.That(list.Data.Select(m => (m.Id, m.Owned_by)), Is.EqualTo(new[] { ("echo", "echo"), ("default", "echo") }));
        Assert.That((one.Id, one.Object, one.Owned_by), Is.EqualTo(("echo/anything", "model", "echo")));
    }

    [Test]
    public void InvalidRequest_SurfacesAsApiExceptionWithTheEnvelope()
    {
        // Act
        var ex = Assert.ThrowsAsync<ApiException<ErrorResponse>>(() => _client.CreateChatCompletionAsync(new ChatCompletionRequest
        {
            Model = "default",
            Messages = [new ChatCompletionRequestMessage { Role = "robot", Content = "x" }],
        }));

        // Assert
        Assert.That(ex!.StatusCode, Is.EqualTo(400));
        var error = ex.Result.Error;
        Assert.That((error.Type, error.Param, error.Code), Is.EqualTo(("invalid_request_error", "messages[0].role", "invalid_value")));
        Assert.That(error.Message, Does.StartWith("Invalid value for 'messages[0].role': 'robot'."));
    }

    [Test]
    public void UnknownModel_SurfacesAsApiExceptionWithTheEnvelope()
    {
        // Act
        var ex = Assert.ThrowsAsync<ApiException<ErrorResponse>>(() => _client.RetrieveModelAsync("no-such-model"));

        // Assert
        Assert.That(ex!.StatusCode, Is.EqualTo(404));
        Assert.That((ex.Result.Error.Code, ex.Result.Error.Param), Is.EqualTo(("model_not_found", "model")));
    }

    [Test]
    public async Task CreateEmbedding_SendsEveryInputFormAndReadsTheFloats()
    {
        // Act: input as a string, strings, token ids and token-id arrays (the field is "any JSON")
        var one = await _client.CreateEmbeddingAsync(new EmbeddingRequest { Model = "default", Input = "The quick brown fox", Dimensions = 8 });
        var texts = await _client.CreateEmbeddingAsync(new EmbeddingRequest { Model = "default", Input = new[] { "a b", "c" } });
        var ids = await _client.CreateEmbeddingAsync(new EmbeddingRequest { Model = "default", Input = new[] { 1212, 318 } });
        var idArrays = await _client.CreateEmbeddingAsync(new EmbeddingRequest { Model = "default", Input = new[] { new[] { 1212 }, new[] { 318, 13 } } });

        // Assert
        Assert.That(one.Object, Is.EqualTo("list"));
        var data = one.Data.Single();
        Assert.That((data.Object, data.Index, data.Embedding.Count), Is.EqualTo(("embedding", 0, 8)));
        Assert.That(data.Embedding.Sum(x => (double)x * x), Is.EqualTo(1).Within(1e-5));
        Assert.That((one.Usage.Prompt_tokens, one.Usage.Total_tokens), Is.EqualTo((4, 4)));
        Assert.That(texts.Data.Select(d => d.Index), Is.EqualTo(new[] { 0, 1 }));
        Assert.That((ids.Data.Count, ids.Usage.Prompt_tokens), Is.EqualTo((1, 2)));
        Assert.That((idArrays.Data.Count, idArrays.Usage.Prompt_tokens), Is.EqualTo((2, 3)));
    }

    [Test]
    public void CreateEmbedding_InvalidInput_IsTheTypedErrorNamingTheField()
    {
        // Act
        var ex = Assert.ThrowsAsync<ApiException<ErrorResponse>>(async () =>
            await _client.CreateEmbeddingAsync(new EmbeddingRequest { Model = "default", Input = Array.Empty<string>() }));

        // Assert
        Assert.That(ex!.StatusCode, Is.EqualTo(400));
        Assert.That((ex.Result.Error.Param, ex.Result.Error.Code), Is.EqualTo(("input", "empty_array")));
    }
}

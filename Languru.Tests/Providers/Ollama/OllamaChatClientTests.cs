using System.Text.Json;
using System.Text.Json.Nodes;
using Languru.Providers.Chat;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Languru.Tests.Providers.Ollama;

public class OllamaChatClientTests
{
    private FakeUpstream _ollama = null!;

    [OneTimeSetUp]
    public async Task StartOllama() => _ollama = await FakeUpstream.StartAsync();

    [OneTimeTearDown]
    public async Task StopOllama() => await _ollama.DisposeAsync();

    private IChatClient Client(params (string Key, string? Value)[] settings) => new OllamaProviders(_ollama.BaseUrl, settings).Create().Client!;

    private static JsonElement Raw(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static void AssertJson(string actual, string expected) =>
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(expected)), Is.True, $"actual: {actual}");

    private static readonly ChatMessage[] Hello = [new(ChatRole.User, "Why is the sky blue?")];

    [Test]
    public async Task GetResponseAsync_SendsOllamasNativeRequest()
    {
        // Arrange
        _ollama.Handler = Respond.Json(OllamaFixtures.WholeAnswer);
        var options = new ChatOptions
        {
            ModelId = "llama3.2",
            Temperature = 0.7f,
            TopP = 0.9f,
            MaxOutputTokens = 100,
            StopSequences = ["\n\n", "user:"],
            Seed = 42,
            PresencePenalty = 0.5f,
            FrequencyPenalty = 0.25f,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(Raw("""{"type":"object","properties":{"age":{"type":"integer"}}}"""), "answer"),
            Tools = [new FunctionToolDeclaration("get_weather", "Weather by city", Raw("""{"type":"object","properties":{"city":{"type":"string"}}}"""), strict: true)],
            AdditionalProperties = new() { ["user"] = Raw("\"u-1\""), ["top_k"] = Raw("40") },
        };
        ChatMessage[] messages =
        [
            new(ChatRole.System, "Be brief."),
            new(new ChatRole("developer"), "Use metric units."),
            new(ChatRole.User, [new TextContent("What is in this image?"), new DataContent(new byte[] { 1, 2, 3 }, "image/png")]),
            new(ChatRole.Assistant, [new RawFunctionCallContent("call_1", "get_weather", """{"city": "Paris"}""")]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "sunny")]),
        ];

        // Act
        await Client(("KeepAlive", "10m"), ("Options:num_ctx", "8192"), ("Options:temperature", "0.1")).GetResponseAsync(messages, options);

        // Assert
        var request = _ollama.LastRequest;
        Assert.That((request.Method, request.Path), Is.EqualTo(("POST", "/api/chat")));
        AssertJson(request.Body, """
            {"model":"llama3.2","stream":false,"keep_alive":"10m",
             "messages":[
               {"role":"system","content":"Be brief."},
               {"role":"system","content":"Use metric units."},
               {"role":"user","content":"What is in this image?","images":["AQID"]},
               {"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},
               {"role":"tool","content":"sunny","tool_name":"get_weather"}],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather by city","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
             "format":{"type":"object","properties":{"age":{"type":"integer"}}},
             "options":{"num_ctx":8192,"temperature":0.7,"top_p":0.9,"num_predict":100,"stop":["\n\n","user:"],"seed":42,"presence_penalty":0.5,"frequency_penalty":0.25}}
            """);
    }

    [Test]
    public async Task GetResponseAsync_JsonObjectFormat_IsFormatJson_AndKeepAliveNumbersAreNumbers()
    {
        // Arrange
        _ollama.Handler = Respond.Json(OllamaFixtures.WholeAnswer);

        // Act
        await Client(("KeepAlive", "-1")).GetResponseAsync(Hello, new ChatOptions { ModelId = "llama3.2", ResponseFormat = ChatResponseFormat.Json });

        // Assert
        AssertJson(_ollama.LastRequest.Body, """{"model":"llama3.2","stream":false,"keep_alive":-1,"format":"json","messages":[{"role":"user","content":"Why is the sky blue?"}]}""");
    }

    [Test]
    public async Task GetResponseAsync_WholeAnswer_MapsTextFinishAndUsage()
    {
        // Arrange
        _ollama.Handler = Respond.Json(OllamaFixtures.WholeAnswer);

        // Act
        var response = await Client().GetResponseAsync(Hello, new ChatOptions { ModelId = "llama3.2" });

        // Assert
        Assert.That(response.Text, Is.EqualTo("Hello! How are you today?"));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That((response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount), Is.EqualTo((26L, 298L, 324L)));
    }

    [Test]
    public async Task GetStreamingResponseAsync_SendsStreamTrueAndMapsEveryLine()
    {
        // Arrange
        _ollama.Handler = OllamaFixtures.Ndjson(OllamaFixtures.StreamedAnswer, TimeSpan.FromMilliseconds(10));

        // Act
        var updates = await Client().GetStreamingResponseAsync(Hello, new ChatOptions { ModelId = "llama3.2" }).ToListAsync();

        // Assert
        Assert.That(_ollama.LastRequest.Json.GetProperty("stream").GetBoolean(), Is.True);
        Assert.That(updates.Select(u => u.Text), Is.EqualTo(new[] { "The", " sky", " is", " blue.", "" }));
        Assert.That(updates.Take(4).Select(u => u.FinishReason), Has.All.Null);
        Assert.That(updates[^1].FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(updates[^1].Contents.OfType<UsageContent>().Single().Details.OutputTokenCount, Is.EqualTo(282));
    }

    [TestCase("length", "length")]
    [TestCase("load", "stop")]
    [TestCase("something_new", "stop")]
    public async Task GetStreamingResponseAsync_DoneReason_MapsOntoOpenAIs(string doneReason, string expected)
    {
        // Arrange
        _ollama.Handler = OllamaFixtures.Ndjson([OllamaFixtures.Line("x"), OllamaFixtures.Final(doneReason)]);

        // Act
        var updates = await Client().GetStreamingResponseAsync(Hello, new ChatOptions { ModelId = "llama3.2" }).ToListAsync();

        // Assert
        Assert.That(updates[^1].FinishReason!.Value.Value, Is.EqualTo(expected));
    }

    [Test]
    public async Task GetStreamingResponseAsync_ToolCalls_GetIdsStringArgumentsAndFinishWithToolCalls()
    {
        // Arrange
        _ollama.Handler = OllamaFixtures.Ndjson(OllamaFixtures.StreamedToolCalls);

        // Act
        var updates = await Client().GetStreamingResponseAsync(Hello, new ChatOptions { ModelId = "llama3.2" }).ToListAsync();

        // Assert
        var calls = updates.SelectMany(u => u.Contents.OfType<RawFunctionCallContent>()).ToList();
        Assert.That(calls.Select(c => (c.Name, c.ArgumentsJson)), Is.EqualTo(new[]
        {
            ("get_weather", """{"city":"Tokyo","unit":"celsius"}"""),
            ("get_time", """{"tz":"JST"}"""),
        }));
        Assert.That(calls[0].CallId, Does.Match("^call_[a-z0-9]{24}$"), "a generated id when Ollama gives none");
        Assert.That(calls[1].CallId, Is.EqualTo("call_given"));
        Assert.That(updates[^1].FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls), "Ollama says stop; a turn that called tools finishes with tool_calls");
    }

    [Test]
    public void GetStreamingResponseAsync_ErrorLineMidStream_FailsWithOllamasMessage()
    {
        // Arrange
        _ollama.Handler = OllamaFixtures.Ndjson([OllamaFixtures.Line("The"), OllamaFixtures.Error("an error was encountered while running the model: unexpected EOF") + "\n"]);

        // Act & Assert
        Assert.That(async () => await Client().GetStreamingResponseAsync(Hello, new ChatOptions { ModelId = "llama3.2" }).ToListAsync(),
            Throws.TypeOf<ChatProviderException>()
                .With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.UpstreamError)
                .And.Message.EqualTo("Ollama ('up') reported an error mid-stream: an error was encountered while running the model: unexpected EOF"));
    }

    [Test]
    public async Task GetStreamingResponseAsync_MalformedLine_IsAnUpstreamErrorAfterTheGoodLines()
    {
        // Arrange
        _ollama.Handler = OllamaFixtures.Ndjson([OllamaFixtures.Line("The"), "{\"model\":\"llama3.2\",\"message\":{\"con\n"]);
        var received = new List<string>();

        // Act
        var ex = Assert.CatchAsync(async () =>
        {
            await foreach (var update in Client().GetStreamingResponseAsync(Hello, new ChatOptions { ModelId = "llama3.2" }))
            {
                received.Add(update.Text);
            }
        });

        // Assert
        Assert.That(received, Is.EqualTo(new[] { "The" }));
        Assert.That(ex, Is.TypeOf<ChatProviderException>());
        Assert.That(ex!.Message, Is.EqualTo("Ollama ('up') sent a line the gateway could not read."));
    }

    [Test]
    public async Task GetStreamingResponseAsync_ConnectionDropped_IsAnUpstreamErrorAfterTheGoodLines()
    {
        // Arrange
        _ollama.Handler = OllamaFixtures.Ndjson([OllamaFixtures.Line("The"), OllamaFixtures.Line(" sky")], TimeSpan.FromMilliseconds(150), breakAtTheEnd: true);
        var received = new List<string>();

        // Act
        var ex = Assert.CatchAsync(async () =>
        {
            await foreach (var update in Client().GetStreamingResponseAsync(Hello, new ChatOptions { ModelId = "llama3.2" }))
            {
                received.Add(update.Text);
            }
        });

        // Assert
        Assert.That(received, Is.EqualTo(new[] { "The", " sky" }));
        Assert.That(ex, Is.TypeOf<ChatProviderException>().With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.UpstreamError));
    }

    [Test]
    public void GetStreamingResponseAsync_StreamEndsWithoutTheFinalLine_IsAnUpstreamError()
    {
        // Arrange
        _ollama.Handler = OllamaFixtures.Ndjson([OllamaFixtures.Line("The")]);

        // Act & Assert
        Assert.That(async () => await Client().GetStreamingResponseAsync(Hello, new ChatOptions { ModelId = "llama3.2" }).ToListAsync(),
            Throws.TypeOf<ChatProviderException>().With.Message.EqualTo("Ollama ('up') ended the stream before its final line."));
    }

    [Test]
    public void GetResponseAsync_UnknownModel_IsModelNotFoundWithThePullCommand()
    {
        // Arrange
        _ollama.Handler = Respond.Json(OllamaFixtures.Error("model 'mistery' not found"), 404);

        // Act & Assert
        Assert.That(async () => await Client().GetResponseAsync(Hello, new ChatOptions { ModelId = "mistery" }),
            Throws.TypeOf<ChatProviderException>()
                .With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.ModelNotFound)
                .And.Message.EqualTo("Ollama ('up') does not have the model 'mistery' (model 'mistery' not found); pull it with: ollama pull mistery"));
    }

    [Test]
    public void GetStreamingResponseAsync_Busy_IsUnavailableWithRetryAfter()
    {
        // Arrange
        _ollama.Handler = Respond.Json(OllamaFixtures.Error("server busy, please try again.  maximum pending requests exceeded"), 503);

        // Act
        var ex = Assert.ThrowsAsync<ChatProviderException>(async () => await Client(("BusyRetryAfter", "00:00:03")).GetStreamingResponseAsync(Hello, new ChatOptions { ModelId = "llama3.2" }).ToListAsync());

        // Assert
        Assert.That(ex!.Kind, Is.EqualTo(ChatProviderErrorKind.Unavailable));
        Assert.That(ex.Message, Is.EqualTo("Ollama ('up') is busy: server busy, please try again.  maximum pending requests exceeded"));
        Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void GetResponseAsync_BadRequest_KeepsOllamasMessage()
    {
        // Arrange
        _ollama.Handler = Respond.Json(OllamaFixtures.Error("registry.ollama.ai/library/gemma:2b does not support tools"), 400);

        // Act & Assert
        Assert.That(async () => await Client().GetResponseAsync(Hello, new ChatOptions { ModelId = "gemma:2b" }),
            Throws.TypeOf<ChatProviderException>()
                .With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.InvalidRequest)
                .And.Message.EqualTo("registry.ollama.ai/library/gemma:2b does not support tools"));
    }

    [Test]
    public void GetResponseAsync_OllamaUnreachable_IsUnavailable_WithTheAddressOnlyInTheDetail()
    {
        // Arrange: a port that was free a moment ago
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var providers = new OllamaProviders(null, ("BaseUrl", $"127.0.0.1:{port}"));

        // Act
        var ex = Assert.ThrowsAsync<ChatProviderException>(async () => await providers.Create().Client!.GetResponseAsync(Hello, new ChatOptions { ModelId = "llama3.2" }));

        // Assert
        Assert.That(ex!.Kind, Is.EqualTo(ChatProviderErrorKind.Unavailable));
        Assert.That(ex.Message, Is.EqualTo("Ollama ('up') is not reachable."));
        Assert.That(ex.Detail, Does.StartWith($"http://127.0.0.1:{port}/: "));
        Assert.That(ex.IsTransient, Is.True);
    }

    [Test]
    public void GetStreamingResponseAsync_NoFirstLineInTime_IsATimeout()
    {
        // Arrange
        _ollama.Handler = Respond.Never();

        // Act & Assert
        Assert.That(async () => await Client(("TimeToFirstToken", "00:00:00.300")).GetStreamingResponseAsync(Hello, new ChatOptions { ModelId = "llama3.2" }).ToListAsync(),
            Throws.TypeOf<ChatProviderException>()
                .With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.Timeout)
                .And.Message.EqualTo("Ollama ('up') sent no first token within 00:00:00.3000000 (Languru:Providers:up:TimeToFirstToken)."));
    }

    [Test]
    public async Task GetStreamingResponseAsync_CallerCancels_AbortsTheOllamaRequest()
    {
        // Arrange
        _ollama.Handler = async context =>
        {
            await OllamaFixtures.Ndjson([OllamaFixtures.Line("The")])(context);
            await Respond.Never()(context);
        };
        using var cancel = new CancellationTokenSource();

        // Act
        await using (var updates = Client().GetStreamingResponseAsync(Hello, new ChatOptions { ModelId = "llama3.2" }, cancel.Token).GetAsyncEnumerator())
        {
            Assert.That(await updates.MoveNextAsync(), Is.True);
            await cancel.CancelAsync();
            Assert.That(async () => await updates.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)), Throws.InstanceOf<OperationCanceledException>());
        }

        // Assert
        Assert.That(async () => await _ollama.LastRequest.Aborted.WaitAsync(TimeSpan.FromSeconds(10)), Throws.Nothing, "Ollama saw the abort");
    }

    [TestCase("image url")]
    [TestCase("audio")]
    [TestCase("tool_choice required")]
    [TestCase("tool_choice named")]
    [TestCase("logprobs")]
    [TestCase("logit_bias")]
    public void GetResponseAsync_WhatOllamaCannotDo_IsRefusedBeforeCallingIt(string what)
    {
        // Arrange
        var requests = _ollama.Requests.Count;
        var messages = Hello;
        var options = new ChatOptions { ModelId = "llama3.2" };
        switch (what)
        {
            case "image url":
                messages = [new ChatMessage(ChatRole.User, [new TextContent("x"), new UriContent("https://example.com/cat.png", "image/*")])];
                break;
            case "audio":
                messages = [new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1 }, "audio/wav")])];
                break;
            case "tool_choice required":
                options.ToolMode = ChatToolMode.RequireAny;
                break;
            case "tool_choice named":
                options.ToolMode = ChatToolMode.RequireSpecific("f");
                break;
            case "logprobs":
                options.AdditionalProperties = new() { ["logprobs"] = Raw("true") };
                break;
            case "logit_bias":
                options.AdditionalProperties = new() { ["logit_bias"] = Raw("""{"1":-100}""") };
                break;
        }

        // Act & Assert
        Assert.That(async () => await Client().GetResponseAsync(messages, options),
            Throws.TypeOf<ChatProviderException>().With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.InvalidRequest));
        Assert.That(_ollama.Requests, Has.Count.EqualTo(requests), "nothing was sent to Ollama");
    }
}

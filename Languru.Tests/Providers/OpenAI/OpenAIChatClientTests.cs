using System.Text.Json;
using System.Text.Json.Nodes;
using Languru.Providers.Chat;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Languru.Tests.Providers.OpenAI;

public class OpenAIChatClientTests
{
    private FakeUpstream _upstream = null!;

    [OneTimeSetUp]
    public async Task StartUpstream() => _upstream = await FakeUpstream.StartAsync();

    [OneTimeTearDown]
    public async Task StopUpstream() => await _upstream.DisposeAsync();

    private static JsonElement Raw(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private IChatClient Client(params (string Key, string? Value)[] settings)
    {
        var providers = new OpenAIProviders(_upstream.BaseUrl, [("ApiKey", "sk-test-123"), .. settings]);
        return providers.Create().Client!;
    }

    private static void AssertJson(JsonElement actual, string expected) =>
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(actual.GetRawText()), JsonNode.Parse(expected)), Is.True, $"actual: {actual.GetRawText()}");

    [Test]
    public async Task GetResponseAsync_SendsTheRequestAsOpenAIExpectsIt()
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);
        var options = new ChatOptions
        {
            ModelId = "gpt-4o",
            Temperature = 0.5f,
            TopP = 0.9f,
            MaxOutputTokens = 64,
            StopSequences = ["END"],
            Seed = 7,
            PresencePenalty = 0.25f,
            FrequencyPenalty = -0.5f,
            AllowMultipleToolCalls = false,
            Tools = [new FunctionToolDeclaration("get_weather", "Weather by city", Raw("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""), strict: true)],
            ToolMode = ChatToolMode.RequireAny,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(Raw("""{"type":"object","properties":{"a":{"type":"integer"}}}"""), "answer", "The answer"),
            AdditionalProperties = new()
            {
                [ChatOptionKeys.JsonSchemaStrict] = true,
                ["logit_bias"] = Raw("""{"50256":-100}"""),
                ["user"] = Raw("\"user-1\""),
                ["metadata"] = Raw("""{"k":"v"}"""),
                ["logprobs"] = Raw("true"),
                ["top_logprobs"] = Raw("2"),
            },
        };
        ChatMessage[] messages =
        [
            new(ChatRole.System, "Be brief."),
            new(new ChatRole("developer"), "Use metric units."),
            new(ChatRole.User, [new TextContent("What is this?"), new UriContent("https://example.com/a.png", "image/*") { AdditionalProperties = new() { ["detail"] = "low" } }, new DataContent("data:image/png;base64,AQID")]) { AuthorName = "ann" },
            new(ChatRole.Assistant, [new RawFunctionCallContent("call_1", "get_weather", """{"city": "Paris"}""")]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "sunny, 21C")]),
            new(ChatRole.Assistant, [new RefusalContent("Not that.")]),
        ];

        // Act
        await Client().GetResponseAsync(messages, options);

        // Assert
        var request = _upstream.LastRequest;
        Assert.That((request.Method, request.Path), Is.EqualTo(("POST", "/v1/chat/completions")));
        Assert.That(request.Headers["Authorization"], Is.EqualTo("Bearer sk-test-123"));
        AssertJson(request.Json, """
            {"model":"gpt-4o","temperature":0.5,"top_p":0.9,"max_completion_tokens":64,"stop":["END"],"seed":7,
             "presence_penalty":0.25,"frequency_penalty":-0.5,"parallel_tool_calls":false,
             "messages":[
               {"role":"system","content":"Be brief."},
               {"role":"developer","content":"Use metric units."},
               {"role":"user","name":"ann","content":[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}},{"type":"image_url","image_url":{"url":"data:image/png;base64,AQID"}}]},
               {"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Paris\"}"}}]},
               {"role":"tool","tool_call_id":"call_1","content":"sunny, 21C"},
               {"role":"assistant","refusal":"Not that."}],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather by city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"strict":true}}],
             "tool_choice":"required",
             "response_format":{"type":"json_schema","json_schema":{"name":"answer","description":"The answer","schema":{"type":"object","properties":{"a":{"type":"integer"}}},"strict":true}},
             "logit_bias":{"50256":-100},"user":"user-1","metadata":{"k":"v"},"logprobs":true,"top_logprobs":2}
            """);
    }

    [Test]
    public async Task GetResponseAsync_CustomToolCallsAndLegacyFunctionCalls_AreSentAsTheClientSentThem()
    {
        // Arrange: messages as the chat mapper makes them, sent without the client's wire request (the SDK path)
        _upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);
        const string toolCalls = """[{"id":"call_c","type":"custom","custom":{"name":"grep","input":"TODO"}},{"id":"call_f","type":"function","function":{"name":"count","arguments":"{}"}}]""";
        const string functionCall = """{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}""";
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Find the TODOs"),
            new(ChatRole.Assistant, [new RawFunctionCallContent("call_f", "count", "{}")]) { AdditionalProperties = new() { [ChatMessageKeys.ToolCalls] = Raw(toolCalls) } },
            new(ChatRole.Tool, [new FunctionResultContent("call_c", "a.cs:3")]),
            new(ChatRole.Tool, [new FunctionResultContent("call_f", "1")]),
            new(ChatRole.Assistant, []) { AdditionalProperties = new() { [ChatMessageKeys.FunctionCall] = Raw(functionCall) } },
            new(ChatRole.Tool, [new FunctionResultContent("get_weather", "sunny")]) { AuthorName = "get_weather", AdditionalProperties = new() { [ChatMessageKeys.FunctionResult] = true } },
        ];

        // Act
        await Client().GetResponseAsync(messages, new ChatOptions { ModelId = "gpt-4o" });

        // Assert: the custom call in place (not twice), content null beside the function call, the result as a function message
        AssertJson(_upstream.LastRequest.Json.GetProperty("messages"), $$"""
            [{"role":"user","content":"Find the TODOs"},
             {"role":"assistant","tool_calls":{{toolCalls}}},
             {"role":"tool","tool_call_id":"call_c","content":"a.cs:3"},
             {"role":"tool","tool_call_id":"call_f","content":"1"},
             {"role":"assistant","content":null,"function_call":{{functionCall}}},
             {"role":"function","name":"get_weather","content":"sunny"}]
            """);
    }

    [Test]
    public async Task GetResponseAsync_ToolCallsWithoutRawText_SendCompactArguments()
    {
        // Arrange: calls built from parsed arguments (as Microsoft.Extensions.AI callers make them), not kept as text
        _upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Weather?"),
            new(ChatRole.Assistant, [
                new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris", ["days"] = 2 }),
                new FunctionCallContent("call_2", "get_time")]),
        ];

        // Act
        await Client().GetResponseAsync(messages, new ChatOptions { ModelId = "gpt-4o" });

        // Assert
        var calls = _upstream.LastRequest.Json.GetProperty("messages")[1].GetProperty("tool_calls");
        Assert.That(calls[0].GetProperty("function").GetProperty("arguments").GetString(), Is.EqualTo("{\"city\":\"Paris\",\"days\":2}"));
        Assert.That(calls[1].GetProperty("function").GetProperty("arguments").GetString(), Is.EqualTo("{}"));
    }

    [Test]
    public async Task GetResponseAsync_ClientSentMaxTokens_IsForwardedAsMaxTokens()
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);

        // Act
        await Client().GetResponseAsync([new ChatMessage(ChatRole.User, "x")],
            new ChatOptions { ModelId = "local", MaxOutputTokens = 5, AdditionalProperties = new() { [ChatOptionKeys.MaxTokens] = Raw("5") } });

        // Assert
        AssertJson(_upstream.LastRequest.Json, """{"model":"local","messages":[{"role":"user","content":"x"}],"max_tokens":5}""");
    }

    [TestCase(true, """{"model":"m","messages":[{"role":"user","content":"x"}],"top_k":40,"user":"u"}""")]
    [TestCase(false, """{"model":"m","messages":[{"role":"user","content":"x"}],"user":"u"}""")]
    public async Task GetResponseAsync_UnknownFields_AreForwardedUnlessTurnedOff(bool forward, string expected)
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);
        var options = new ChatOptions
        {
            ModelId = "m",
            AdditionalProperties = new()
            {
                ["top_k"] = Raw("40"),
                ["user"] = Raw("\"u\""),
                ["model"] = Raw("\"hijack\""),
                ["bad name!"] = Raw("1"),
                [ChatOptionKeys.UnknownFields] = new[] { "top_k", "model", "bad name!" },
            },
        };

        // Act
        await Client(("ForwardUnknownFields", forward.ToString())).GetResponseAsync([new ChatMessage(ChatRole.User, "x")], options);

        // Assert
        AssertJson(_upstream.LastRequest.Json, expected);
    }

    [Test]
    public async Task GetResponseAsync_PlainAnswer_MapsTextUsageAndFingerprint()
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);

        // Act
        var response = await Client().GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = "gpt-4o-mini" });

        // Assert
        Assert.That(response.Text, Is.EqualTo("Hello from upstream!"));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That((response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount), Is.EqualTo((19L, 5L, 24L)));
        Assert.That((response.Usage.CachedInputTokenCount, response.Usage.ReasoningTokenCount), Is.EqualTo((16L, 2L)));
        Assert.That(response.AdditionalProperties![ChatResponseKeys.SystemFingerprint], Is.EqualTo("fp_up_1"));
        Assert.That(response.AdditionalProperties[ChatResponseKeys.ServiceTier], Is.EqualTo("default"));
    }

    [Test]
    public async Task GetResponseAsync_Refusal_IsRefusalContent()
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.Refusal);

        // Act
        var response = await Client().GetResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "gpt-4o" });

        // Assert
        Assert.That(response.Messages.Single().Contents.OfType<RefusalContent>().Single().Refusal, Is.EqualTo("I'm sorry, I can't help with that."));
        Assert.That(response.Text, Is.Empty);
    }

    [Test]
    public async Task GetResponseAsync_ToolCalls_KeepTheArgumentsVerbatim()
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.ToolCallsAnswer);

        // Act
        var response = await Client().GetResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "gpt-4o" });

        // Assert
        var call = response.Messages.Single().Contents.OfType<RawFunctionCallContent>().Single();
        Assert.That((call.CallId, call.Name, call.ArgumentsJson), Is.EqualTo(("call_a", "get_weather", """{"city": "Paris"}""")));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
    }

    [TestCase("\"eos_token\"")]
    [TestCase("\"abort\"")]
    [TestCase("null")]
    public async Task GetResponseAsync_NonStandardFinishReason_BecomesStop(string reason)
    {
        // Arrange (TGI, vLLM and some llama.cpp builds send these; the OpenAI SDK alone would throw)
        _upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer.Replace("\"finish_reason\":\"stop\"", $"\"finish_reason\":{reason}", StringComparison.Ordinal));

        // Act
        var response = await Client().GetResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "m" });

        // Assert
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(response.Text, Is.EqualTo("Hello from upstream!"));
    }

    [Test]
    public async Task GetStreamingResponseAsync_TextAndUsage_AskForUsageAndMapEveryChunk()
    {
        // Arrange
        _upstream.Handler = Respond.Sse(OpenAIFixtures.StreamedAnswer);

        // Act
        var updates = await Client().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "gpt-4o-mini" }).ToListAsync();

        // Assert
        AssertJson(_upstream.LastRequest.Json, """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}],"stream":true,"stream_options":{"include_usage":true}}""");
        Assert.That(updates.Select(u => u.Text), Is.EqualTo(new[] { "", "Hello", " there", "!", "", "" }));
        Assert.That(updates[0].Role, Is.EqualTo(ChatRole.Assistant));
        Assert.That(updates[4].FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(updates[5].Contents.OfType<UsageContent>().Single().Details.TotalTokenCount, Is.EqualTo(12));
        Assert.That(updates.Select(u => u.AdditionalProperties?[ChatResponseKeys.SystemFingerprint]), Has.All.EqualTo("fp_up_2"));
    }

    [Test]
    public async Task GetStreamingResponseAsync_ParallelToolCalls_ArriveAsFragmentsByIndex()
    {
        // Arrange
        _upstream.Handler = Respond.Sse(OpenAIFixtures.StreamedToolCalls);

        // Act
        var updates = await Client().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "gpt-4o" }).ToListAsync();

        // Assert
        var fragments = updates.SelectMany(u => u.Contents.OfType<FunctionCallUpdateContent>())
            .Select(f => (f.Index, f.CallId, f.Name, f.ArgumentsFragment)).ToList();
        Assert.That(fragments, Is.EqualTo(new (int, string?, string?, string)[]
        {
            (0, "call_w", "get_weather", ""),
            (0, null, null, "{\"ci"),
            (0, null, null, "ty\": \"Pa"),
            (0, null, null, "ris\"}"),
            (1, "call_t", "get_time", ""),
            (1, null, null, "{\"tz\":"),
            (1, null, null, " \"CET\"}"),
        }));
        Assert.That(updates.Single(u => u.FinishReason is not null).FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
    }

    [Test]
    public async Task GetStreamingResponseAsync_Refusal_StreamsAsRefusalContent()
    {
        // Arrange
        _upstream.Handler = Respond.Sse(OpenAIFixtures.StreamedRefusal);

        // Act
        var updates = await Client().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "gpt-4o" }).ToListAsync();

        // Assert
        Assert.That(string.Concat(updates.SelectMany(u => u.Contents.OfType<RefusalContent>()).Select(r => r.Refusal)), Is.EqualTo("I can't do that."));
    }

    [Test]
    public async Task GetStreamingResponseAsync_NonStandardFinishReason_BecomesStop()
    {
        // Arrange
        _upstream.Handler = Respond.Sse([OpenAIFixtures.Chunk("""{"role":"assistant","content":"hi"}"""), OpenAIFixtures.Chunk("{}", "\"eos_token\""), OpenAIFixtures.Done]);

        // Act
        var updates = await Client().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "tgi" }).ToListAsync();

        // Assert
        Assert.That(updates[^1].FinishReason, Is.EqualTo(ChatFinishReason.Stop));
    }

    [Test]
    public void GetStreamingResponseAsync_ErrorEventMidStream_FailsWithTheUpstreamMessage()
    {
        // Arrange
        _upstream.Handler = Respond.Sse(
        [
            OpenAIFixtures.Chunk("""{"role":"assistant","content":"par"}"""),
            "data: " + OpenAIFixtures.Error("The server had an error while processing your request.", "server_error") + "\n\n",
        ]);

        // Act & Assert
        Assert.That(
            async () => await Client().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "m" }).ToListAsync(),
            Throws.TypeOf<ChatProviderException>()
                .With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.UpstreamError)
                .And.Message.EqualTo("The upstream 'up' reported an error mid-stream: The server had an error while processing your request."));
    }

    [Test]
    public async Task GetStreamingResponseAsync_ConnectionDropsMidStream_FailsAfterTheChunksThatArrived()
    {
        // Arrange
        // (paced, so that the bytes sent before the reset have been read: a reset may discard unread data)
        _upstream.Handler = Respond.Sse(
            [OpenAIFixtures.Chunk("""{"role":"assistant","content":"Hel"}"""), "data: {\"id\":\"chatcmpl-up4\",\"obj"], TimeSpan.FromMilliseconds(200), breakAtTheEnd: true);
        var received = new List<string>();

        // Act
        var ex = Assert.CatchAsync(async () =>
        {
            await foreach (var update in Client().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "m" }))
            {
                received.Add(update.Text);
            }
        });

        // Assert
        Assert.That(received, Is.EqualTo(new[] { "Hel" }));
        Assert.That(ex, Is.TypeOf<ChatProviderException>().With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.UpstreamError));
        Assert.That(ex!.Message, Does.StartWith("The connection to the upstream 'up' broke"));
    }

    [Test]
    public void GetStreamingResponseAsync_NoFirstTokenInTime_IsATimeoutNamingTheSetting()
    {
        // Arrange
        _upstream.Handler = Respond.Never();

        // Act & Assert
        Assert.That(
            async () => await Client(("TimeToFirstToken", "00:00:00.300")).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "m" }).ToListAsync(),
            Throws.TypeOf<ChatProviderException>()
                .With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.Timeout)
                .And.Message.EqualTo("The upstream 'up' sent no first token within 00:00:00.3000000 (Languru:Providers:up:TimeToFirstToken)."));
    }

    [Test]
    public void GetStreamingResponseAsync_StallsAfterTheFirstToken_IsATotalTimeout()
    {
        // Arrange
        _upstream.Handler = Respond.SseThenWait(OpenAIFixtures.Chunk("""{"role":"assistant","content":"a"}"""));

        // Act & Assert
        Assert.That(
            async () => await Client(("TimeToFirstToken", "00:00:05"), ("Timeout", "00:00:00.500")).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "m" }).ToListAsync(),
            Throws.TypeOf<ChatProviderException>()
                .With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.Timeout)
                .And.Message.EqualTo("The upstream 'up' did not finish within 00:00:00.5000000 (Languru:Providers:up:Timeout)."));
    }

    [Test]
    public void GetStreamingResponseAsync_StallsBetweenChunks_IsAnIdleTimeoutNamingTheSetting()
    {
        // Arrange
        _upstream.Handler = Respond.SseThenWait(OpenAIFixtures.Chunk("""{"role":"assistant","content":"a"}"""));
        var received = new List<string>();

        // Act & Assert
        Assert.That(
            async () =>
            {
                await foreach (var update in Client(("IdleTimeout", "00:00:00.300")).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "m" }))
                {
                    received.Add(update.Text);
                }
            },
            Throws.TypeOf<ChatProviderException>()
                .With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.Timeout)
                .And.Message.EqualTo("The upstream 'up' sent nothing for 00:00:00.3000000 in the middle of the stream (Languru:Providers:up:IdleTimeout)."));
        Assert.That(received, Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public async Task GetStreamingResponseAsync_SlowClient_DoesNotMakeTheUpstreamLookIdle()
    {
        // Arrange: the upstream sends everything at once; the client takes longer than IdleTimeout over each chunk.
        _upstream.Handler = Respond.Sse(OpenAIFixtures.StreamedAnswer);
        var received = new List<string>();

        // Act
        await foreach (var update in Client(("IdleTimeout", "00:00:00.100")).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "m" }))
        {
            received.Add(update.Text);
            await Task.Delay(250);
        }

        // Assert
        Assert.That(string.Concat(received), Is.EqualTo("Hello there!"));
    }

    [Test]
    public void GetResponseAsync_NeverAnswers_IsATotalTimeout()
    {
        // Arrange
        _upstream.Handler = Respond.Never();

        // Act & Assert
        Assert.That(
            async () => await Client(("Timeout", "00:00:00.300")).GetResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "m" }),
            Throws.TypeOf<ChatProviderException>().With.Property(nameof(ChatProviderException.Kind)).EqualTo(ChatProviderErrorKind.Timeout));
    }

    [Test]
    public async Task GetResponseAsync_CallerCancels_AbortsTheUpstreamRequestAndStaysACancellation()
    {
        // Arrange
        _upstream.Handler = Respond.Never();
        using var cancel = new CancellationTokenSource();

        // Act
        var call = Client().GetResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "m" }, cancel.Token);
        while (_upstream.Requests.Count == 0 || _upstream.LastRequest.Body.Length == 0)
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

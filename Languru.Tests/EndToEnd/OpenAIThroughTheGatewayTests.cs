using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.EndToEnd;

/// <summary>A real gateway in front of a fake OpenAI upstream (real Kestrel, exact wire fixtures).</summary>
public partial class OpenAIThroughTheGatewayTests
{
    private FakeUpstream _upstream = null!;
    private LanguruFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _upstream = await FakeUpstream.StartAsync();
        _factory = new LanguruFactory()
            .With("OPENAI_API_KEY", "sk-gateway-secret")
            .With("OPENAI_BASE_URL", new Uri(_upstream.BaseUrl, "v1").ToString())
            .With("Languru:Providers:openai:TimeToFirstToken", "00:00:01");
        _client = new HttpClient { BaseAddress = _factory.StartKestrel() };
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string json) =>
        _client.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));

    private static string WithoutId(string body) => CompletionId().Replace(body, "chatcmpl-ID");

    [Test]
    public async Task WholeAnswer_IsPassedOnWithTheClientsModelNameAndUsageDetails()
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);

        // Act
        var response = await PostAsync("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"max_tokens":20}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(WithoutId(await response.Content.ReadAsStringAsync()), Is.EqualTo(
            """{"id":"chatcmpl-ID","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from upstream!","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"service_tier":"default","usage":{"prompt_tokens":19,"completion_tokens":5,"total_tokens":24,"prompt_tokens_details":{"cached_tokens":16},"completion_tokens_details":{"reasoning_tokens":2}},"system_fingerprint":"fp_up_1"}"""),
            "the gateway's own fields rewritten, and the upstream's annotations passed on as sent");
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(_upstream.LastRequest.Body), JsonNode.Parse("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"max_tokens":20}""")), Is.True,
            _upstream.LastRequest.Body);
        Assert.That(_upstream.LastRequest.Headers["Authorization"], Is.EqualTo("Bearer sk-gateway-secret"));
    }

    [TestCase("""{"type":"custom","custom":{"name":"grep"}}""")]
    [TestCase("""{"type":"allowed_tools","allowed_tools":{"mode":"required","tools":[{"type":"function","function":{"name":"f"}}]}}""")]
    public async Task CustomToolsAndTheirToolChoices_AreForwardedAsSent(string toolChoice)
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);
        const string tools = """[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}},{"type":"custom","custom":{"name":"grep","description":"searches","format":{"type":"grammar","grammar":{"definition":"start: /.+/","syntax":"lark"}}}}]""";

        // Act
        var response = await PostAsync($$"""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"tools":{{tools}},"tool_choice":{{toolChoice}}}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var sent = JsonNode.Parse(_upstream.LastRequest.Body)!;
        Assert.That(JsonNode.DeepEquals(sent["tools"], JsonNode.Parse(tools)), Is.True, _upstream.LastRequest.Body);
        Assert.That(JsonNode.DeepEquals(sent["tool_choice"], JsonNode.Parse(toolChoice)), Is.True, _upstream.LastRequest.Body);
    }

    // Assistant messages with a custom tool call (OpenAI's ChatCompletionMessageCustomToolCall), alone and with a
    // function call, each followed by the results. Content is left out, as for function tool calls.
    private const string CustomToolCallConversation = """
        [{"role":"user","content":"Find the TODOs"},
         {"role":"assistant","tool_calls":[{"id":"call_0","type":"custom","custom":{"name":"ls","input":""}}]},
         {"role":"tool","tool_call_id":"call_0","content":"src/"},
         {"role":"assistant","tool_calls":[{"id":"call_1","type":"custom","custom":{"name":"grep","input":"TODO src/"}},{"id":"call_2","type":"function","function":{"name":"count","arguments":"{\"of\":\"TODO\"}"}}]},
         {"role":"tool","tool_call_id":"call_1","content":"src/a.cs:3: TODO"},
         {"role":"tool","tool_call_id":"call_2","content":"1"}]
        """;

    // The legacy function-calling exchange: an assistant function_call with content null, then a function message.
    private const string LegacyFunctionCallConversation = """
        [{"role":"user","content":"Weather in Paris?"},
         {"role":"assistant","content":null,"function_call":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
         {"role":"function","name":"get_weather","content":"sunny, 21C"}]
        """;

    [TestCase(CustomToolCallConversation, false)]
    [TestCase(CustomToolCallConversation, true)]
    [TestCase(LegacyFunctionCallConversation, false)]
    [TestCase(LegacyFunctionCallConversation, true)]
    public async Task CustomToolCallsAndLegacyFunctionCallsInMessages_AreForwardedAsSent(string messages, bool stream)
    {
        // Arrange
        _upstream.Handler = stream ? Respond.Sse(OpenAIFixtures.StreamedAnswer) : Respond.Json(OpenAIFixtures.PlainAnswer);

        // Act
        var response = await PostAsync($$"""{"model":"gpt-4o-mini","messages":{{messages}},"stream":{{(stream ? "true" : "false")}}}""");
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var sent = JsonNode.Parse(_upstream.LastRequest.Body)!;
        Assert.That(JsonNode.DeepEquals(sent["messages"], JsonNode.Parse(messages)), Is.True, _upstream.LastRequest.Body);
        if (stream)
        {
            Assert.That(ServerSentEvents.Data(body), Has.Member("[DONE]"));
            Assert.That(body, Does.Contain("\"content\":\" there\"").And.Contain("\"finish_reason\":\"stop\""));
        }
        else
        {
            Assert.That(JsonNode.Parse(body)!["choices"]![0]!["message"]!["content"]!.GetValue<string>(), Is.EqualTo("Hello from upstream!"));
        }
    }

    [Test]
    public async Task ProviderSlashModel_IsForwardedWithoutThePrefix()
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);

        // Act
        var response = await PostAsync("""{"model":"openai/my-finetune","prompt":"Hi"}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_upstream.LastRequest.Json.GetProperty("model").GetString(), Is.EqualTo("my-finetune"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"model\":\"openai/my-finetune\""));
    }

    [Test]
    public async Task Stream_IsPassedOnChunkByChunk_WithoutUsageUnlessAsked()
    {
        // Arrange
        _upstream.Handler = Respond.Sse(OpenAIFixtures.StreamedAnswer);

        // Act
        var response = await PostAsync("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stream":true}""");
        var events = ServerSentEvents.Data(WithoutId(await response.Content.ReadAsStringAsync()));

        // Assert
        Assert.That(events, Is.EqualTo(new[]
        {
            """{"id":"chatcmpl-ID","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","system_fingerprint":"fp_up_2","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""",
            """{"id":"chatcmpl-ID","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","system_fingerprint":"fp_up_2","choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}]}""",
            """{"id":"chatcmpl-ID","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","system_fingerprint":"fp_up_2","choices":[{"index":0,"delta":{"content":" there"},"logprobs":null,"finish_reason":null}]}""",
            """{"id":"chatcmpl-ID","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","system_fingerprint":"fp_up_2","choices":[{"index":0,"delta":{"content":"!"},"logprobs":null,"finish_reason":null}]}""",
            """{"id":"chatcmpl-ID","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","system_fingerprint":"fp_up_2","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"stop"}]}""",
            "[DONE]",
        }));
        Assert.That(_upstream.LastRequest.Json.GetProperty("stream_options").GetProperty("include_usage").GetBoolean(), Is.True, "usage is always asked of the upstream");
    }

    [Test]
    public async Task Stream_FieldsTheGatewayDoesNotModel_ReachTheClientAsSent()
    {
        // Arrange: a field at the top (OpenRouter's provider), in the choice (vLLM's stop_reason) and in the delta,
        // around the fields the gateway owns (id, created, model, index, usage, finish_reason, a repeated role)
        _upstream.Handler = Respond.Sse(
        [
            """data: {"id":"chatcmpl-up","object":"chat.completion.chunk","created":1700000123,"model":"gpt-4o-mini-2024","provider":"Acme","choices":[{"index":5,"delta":{"role":"assistant","content":"Hi","refusal":null,"x_tag":{"a":[1,"\u00e9"]}},"logprobs":null,"finish_reason":null,"stop_reason":null}],"usage":null}""" + "\n\n",
            """data: {"id":"chatcmpl-up","object":"chat.completion.chunk","created":1700000123,"model":"gpt-4o-mini-2024","provider":"Acme","choices":[{"index":5,"delta":{"role":"assistant"},"logprobs":null,"finish_reason":"eos_token","stop_reason":42}],"usage":null}""" + "\n\n",
            OpenAIFixtures.UsageChunk,
            OpenAIFixtures.Done,
        ]);

        // Act
        var response = await PostAsync("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stream":true}""");
        var events = ServerSentEvents.Data(WithoutId(await response.Content.ReadAsStringAsync()));

        // Assert
        Assert.That(events, Is.EqualTo(new[]
        {
            """{"id":"chatcmpl-ID","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","provider":"Acme","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi","x_tag":{"a":[1,"\u00e9"]}},"stop_reason":null,"logprobs":null,"finish_reason":null}]}""",
            """{"id":"chatcmpl-ID","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","provider":"Acme","choices":[{"index":0,"delta":{"content":""},"stop_reason":42,"logprobs":null,"finish_reason":"stop"}]}""",
            "[DONE]",
        }));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task ServiceTier_IsTheUpstreamsAsSent_InWholeAnswersAsInStreams(bool stream)
    {
        // Arrange: service_tier says how the upstream served the call (OpenAI's reference), null included.
        const string Chunk = """{"id":"chatcmpl-up","object":"chat.completion.chunk","created":1,"model":"m","service_tier":null,"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}""";
        _upstream.Handler = stream
            ? Respond.Sse(["data: " + Chunk + "\n\n", OpenAIFixtures.Done])
            : Respond.Json("""{"id":"chatcmpl-up","object":"chat.completion","created":1,"model":"m","service_tier":null,"choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}""");

        // Act
        var response = await PostAsync($$"""{"model":"gpt-4o","prompt":"Hi","stream":{{(stream ? "true" : "false")}}}""");
        var body = await response.Content.ReadAsStringAsync();
        var answer = JsonNode.Parse(stream ? ServerSentEvents.Data(body)[0] : body)!.AsObject();

        // Assert
        Assert.That(answer.TryGetPropertyValue("service_tier", out var tier) && tier is null, Is.True, body);
    }

    [Test]
    public async Task ChoiceFieldsBeforeTheMessage_KeepTheMessagesOwnFields()
    {
        // Arrange: Azure OpenAI writes content_filter_results before message/delta; the upstream's message, with the
        // fields the gateway does not model (annotations), must still be the one written back.
        _upstream.Handler = Respond.Json("""
            {"id":"chatcmpl-up","object":"chat.completion","created":1700000123,"model":"gpt-4o","choices":[{"content_filter_results":{"hate":{"filtered":false}},"finish_reason":"stop","index":0,"logprobs":null,"message":{"annotations":[{"type":"url_citation"}],"content":"Hi","role":"assistant"}}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}
            """);

        // Act
        var response = await PostAsync("""{"model":"gpt-4o","prompt":"Hi"}""");
        var choice = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["choices"]![0]!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(choice["content_filter_results"]!["hate"]!["filtered"]!.GetValue<bool>(), Is.False);
        Assert.That(choice["message"]!["content"]!.GetValue<string>(), Is.EqualTo("Hi"));
        Assert.That(choice["message"]!["annotations"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("url_citation"));
    }

    [Test]
    public async Task Stream_ChoiceFieldsBeforeTheDelta_KeepTheDeltasOwnFields()
    {
        // Arrange
        _upstream.Handler = Respond.Sse(
        [
            """data: {"choices":[{"content_filter_results":{},"delta":{"content":"Hi","role":"assistant","x_tag":1},"finish_reason":null,"index":0,"logprobs":null}],"created":1700000123,"id":"chatcmpl-up","model":"gpt-4o","object":"chat.completion.chunk"}""" + "\n\n",
            """data: {"choices":[{"content_filter_results":{},"delta":{},"finish_reason":"stop","index":0,"logprobs":null}],"created":1700000123,"id":"chatcmpl-up","model":"gpt-4o","object":"chat.completion.chunk"}""" + "\n\n",
            OpenAIFixtures.Done,
        ]);

        // Act
        var response = await PostAsync("""{"model":"gpt-4o","prompt":"Hi","stream":true}""");
        var first = JsonNode.Parse(ServerSentEvents.Data(await response.Content.ReadAsStringAsync())[0])!["choices"]![0]!;

        // Assert
        Assert.That(first["delta"]!["x_tag"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(first["delta"]!["content"]!.GetValue<string>(), Is.EqualTo("Hi"));
        Assert.That(first["content_filter_results"], Is.Not.Null);
    }

    [Test]
    public async Task Stream_EachUpstreamChunkReachesTheClientBeforeTheNextIsSent()
    {
        // Arrange: the upstream sends the role chunk and "Hello", and holds the rest until the client has read "Hello".
        var clientSawHello = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _upstream.Handler = Respond.StreamHeld("text/event-stream", OpenAIFixtures.StreamedAnswer, held: 2, clientSawHello.Task);

        // Act: a gateway that batched chunks would never pass "Hello" on alone, and the read would stall.
        var lines = await ServerSentEvents.ReadLinesAsync(_client, """{"model":"gpt-4o-mini","prompt":"Hi","stream":true}""", line =>
        {
            if (line.Contains("\"content\":\"Hello\"", StringComparison.Ordinal))
            {
                clientSawHello.TrySetResult();
            }
        });

        // Assert
        Assert.That(clientSawHello.Task.IsCompleted, Is.True);
        Assert.That(string.Join("\n", lines), Does.Contain("\"content\":\" there\"").And.EndWith("data: [DONE]\n"), "the held chunks followed once released");
    }

    [Test]
    public async Task Stream_WithIncludeUsage_EndsWithTheUpstreamsUsage()
    {
        // Arrange
        _upstream.Handler = Respond.Sse(OpenAIFixtures.StreamedAnswer);

        // Act
        var response = await PostAsync("""{"model":"gpt-4o-mini","prompt":"Hi","stream":true,"stream_options":{"include_usage":true}}""");
        var chunks = ServerSentEvents.Chunks(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.That(chunks[^1].GetProperty("choices").GetArrayLength(), Is.Zero);
        Assert.That(chunks[^1].GetProperty("usage").GetRawText(), Is.EqualTo("""{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}"""));
    }

    [Test]
    public async Task StreamedToolCalls_ArePassedOnAsOpenAIStreamsThem()
    {
        // Arrange
        _upstream.Handler = Respond.Sse(OpenAIFixtures.StreamedToolCalls);

        // Act
        var response = await PostAsync("""{"model":"gpt-4o","prompt":"weather and time","stream":true,"tools":[{"type":"function","function":{"name":"get_weather"}},{"type":"function","function":{"name":"get_time"}}]}""");
        var chunks = ServerSentEvents.Chunks(await response.Content.ReadAsStringAsync());

        // Assert
        var deltas = chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetRawText()).ToList();
        Assert.That(deltas, Is.EqualTo(new[]
        {
            """{"role":"assistant","tool_calls":[{"index":0,"id":"call_w","type":"function","function":{"name":"get_weather","arguments":""}}]}""",
            """{"tool_calls":[{"index":0,"function":{"arguments":"{\"ci"}}]}""",
            """{"tool_calls":[{"index":0,"function":{"arguments":"ty\": \"Pa"}}]}""",
            """{"tool_calls":[{"index":0,"function":{"arguments":"ris\"}"}}]}""",
            """{"tool_calls":[{"index":1,"id":"call_t","type":"function","function":{"name":"get_time","arguments":""}}]}""",
            """{"tool_calls":[{"index":1,"function":{"arguments":"{\"tz\":"}}]}""",
            """{"tool_calls":[{"index":1,"function":{"arguments":" \"CET\"}"}}]}""",
            """{"content":""}""",
        }));
        Assert.That(chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("tool_calls"));
    }

    [Test]
    public async Task CustomToolCallInTheAnswer_IsPassedOnAsOpenAISendsIt()
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.CustomToolCallAnswer);

        // Act
        var response = await PostAsync("""{"model":"gpt-5","prompt":"find TODOs","tools":[{"type":"custom","custom":{"name":"grep"}},{"type":"function","function":{"name":"count"}}]}""");
        var choice = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["choices"]![0]!;

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(choice["message"]!.ToJsonString(), Is.EqualTo(
            """{"role":"assistant","content":null,"refusal":null,"tool_calls":[{"id":"call_c","type":"custom","custom":{"name":"grep","input":"TODO src/"}},{"id":"call_f","type":"function","function":{"name":"count","arguments":"{}"}}]}"""));
        Assert.That(choice["finish_reason"]!.GetValue<string>(), Is.EqualTo("tool_calls"));
    }

    [Test]
    public async Task StreamedCustomToolCall_IsPassedOnFragmentByFragment()
    {
        // Arrange
        _upstream.Handler = Respond.Sse(OpenAIFixtures.StreamedCustomToolCall);

        // Act
        var response = await PostAsync("""{"model":"gpt-5","prompt":"find TODOs","stream":true,"tools":[{"type":"custom","custom":{"name":"grep"}}]}""");
        var chunks = ServerSentEvents.Chunks(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.That(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetRawText()), Is.EqualTo(new[]
        {
            """{"role":"assistant","tool_calls":[{"index":0,"id":"call_c","type":"custom","custom":{"name":"grep","input":""}}]}""",
            """{"tool_calls":[{"index":0,"custom":{"input":"TODO"}}]}""",
            """{"tool_calls":[{"index":0,"custom":{"input":" src/"}}]}""",
            """{"content":""}""",
        }));
        Assert.That(chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("tool_calls"));
    }

    [Test]
    public async Task LegacyFunctionCallInTheAnswer_IsPassedOnAsOpenAISendsIt()
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.LegacyFunctionCallAnswer);

        // Act
        var response = await PostAsync("""{"model":"gpt-4o","prompt":"weather in Paris?","functions":[{"name":"get_weather"}]}""");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var choice = json.RootElement.GetProperty("choices")[0];

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(choice.GetProperty("message").GetRawText(), Is.EqualTo(
            """{"role":"assistant","content":null,"refusal":null,"function_call":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}"""));
        Assert.That(choice.GetProperty("finish_reason").GetString(), Is.EqualTo("function_call"));
    }

    [Test]
    public async Task StreamedLegacyFunctionCall_IsPassedOnFragmentByFragment()
    {
        // Arrange
        _upstream.Handler = Respond.Sse(OpenAIFixtures.StreamedLegacyFunctionCall);

        // Act
        var response = await PostAsync("""{"model":"gpt-4o","prompt":"weather in Paris?","stream":true,"functions":[{"name":"get_weather"}]}""");
        var chunks = ServerSentEvents.Chunks(await response.Content.ReadAsStringAsync());

        // Assert: no fragment is lost, and content is null beside the call, as OpenAI sends it
        Assert.That(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetRawText()), Is.EqualTo(new[]
        {
            """{"role":"assistant","function_call":{"name":"get_weather","arguments":""}}""",
            """{"function_call":{"arguments":"{\"city\":"}}""",
            """{"function_call":{"arguments":"\"Paris\"}"}}""",
            """{"content":""}""",
        }));
        Assert.That(chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("function_call"));
    }

    [Test]
    public async Task NChoices_FanOutWithoutSendingN()
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);
        var before = _upstream.Requests.Count;

        // Act
        var response = await PostAsync("""{"model":"gpt-4o-mini","prompt":"Hi","n":2}""");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.That(json.RootElement.GetProperty("choices").GetArrayLength(), Is.EqualTo(2));
        var sent = _upstream.Requests.Skip(before).ToList();
        Assert.That(sent, Has.Count.EqualTo(2));
        Assert.That(sent.Select(r => r.Json.TryGetProperty("n", out _)), Has.All.False);
    }

    [Test]
    public async Task UpstreamRefusesTheKey_Is502WithoutTheKey()
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.Error("Incorrect API key provided: sk-gate***********cret.", "invalid_request_error", code: "invalid_api_key"), 401);

        // Act
        var response = await PostAsync("""{"model":"gpt-4o-mini","prompt":"Hi"}""");
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(body, Is.EqualTo("""{"error":{"message":"The upstream 'openai' refused the gateway's credentials (401); check Languru:Providers:openai:ApiKey or its environment variable.","type":"server_error","param":null,"code":"upstream_auth_failed"}}"""));
    }

    [Test]
    public async Task UpstreamRateLimits_Is429WithRetryAfter()
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.Error("Rate limit reached for gpt-4o-mini on requests per min.", "requests", code: "rate_limit_exceeded"), 429, ("retry-after", "20"));

        // Act
        var response = await PostAsync("""{"model":"gpt-4o-mini","prompt":"Hi","stream":true}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(response.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(20)));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"error":{"message":"Rate limit reached for gpt-4o-mini on requests per min.","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}}"""));
    }

    [Test]
    public async Task UpstreamBadRequest_Is400WithItsMessage()
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.Error("This model's maximum context length is 128000 tokens.", "invalid_request_error", "messages", "context_length_exceeded"), 400);

        // Act
        var response = await PostAsync("""{"model":"gpt-4o-mini","prompt":"Hi"}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"error":{"message":"This model's maximum context length is 128000 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}"""));
    }

    [Test]
    public async Task NoFirstTokenInTime_Is504()
    {
        // Arrange
        _upstream.Handler = Respond.Never();

        // Act
        var response = await PostAsync("""{"model":"gpt-4o-mini","prompt":"Hi","stream":true}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.GatewayTimeout));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"error":{"message":"The upstream 'openai' sent no first token within 00:00:01 (Languru:Providers:openai:TimeToFirstToken).","type":"timeout_error","param":null,"code":"upstream_timeout"}}"""));
    }

    [Test]
    public async Task StreamBreakingMidway_EndsWithAnInStreamErrorEvent()
    {
        // Arrange
        _upstream.Handler = Respond.Sse([OpenAIFixtures.Chunk("""{"role":"assistant","content":"Hel"}""")], TimeSpan.FromMilliseconds(200), breakAtTheEnd: true);

        // Act
        var response = await PostAsync("""{"model":"gpt-4o-mini","prompt":"Hi","stream":true}""");
        var events = ServerSentEvents.Data(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(events, Has.Count.EqualTo(2));
        Assert.That(events[0], Does.Contain("\"content\":\"Hel\""));
        Assert.That(events[1], Does.StartWith("""{"error":{"message":"The connection to the upstream 'openai' broke""").And.EndWith("""type":"server_error","param":null,"code":"upstream_error"}}"""));
    }

    [Test]
    public async Task ClientDisconnectingMidStream_AbortsTheUpstreamRequest()
    {
        // Arrange
        _upstream.Handler = Respond.SseThenWait(OpenAIFixtures.Chunk("""{"role":"assistant","content":"first"}"""));

        // A client that leaves does not drain the rest of the response (HttpClient would, for up to two seconds).
        using var leaving = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = _client.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent("""{"model":"gpt-4o-mini","prompt":"Hi","stream":true}""", Encoding.UTF8, "application/json"),
        };

        // Act
        using (var response = await leaving.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.That(await reader.ReadLineAsync(), Does.Contain("\"content\":\"first\""));
        }

        // Assert
        Assert.That(async () => await _upstream.LastRequest.Aborted.WaitAsync(TimeSpan.FromSeconds(10)), Throws.Nothing, "the upstream saw the abort");
    }

    [Test]
    public async Task ModelList_IncludesTheUpstreamsModelsUnderRoutableIds()
    {
        // Arrange
        _upstream.Handler = context => context.Request.Path == "/v1/models"
            ? Respond.Json(OpenAIFixtures.ModelList)(context)
            : Respond.Json(OpenAIFixtures.PlainAnswer)(context);

        // Act
        var body = await _client.GetStringAsync("v1/models");

        // Assert
        using var json = JsonDocument.Parse(body);
        var ids = json.RootElement.GetProperty("data").EnumerateArray().Select(m => (m.GetProperty("id").GetString(), m.GetProperty("owned_by").GetString())).ToList();
        Assert.That(ids, Is.EqualTo(new[] { ("echo", "echo"), ("default", "echo"), ("gpt-4o-mini", "openai"), ("text-embedding-3-small", "openai"), ("openai/whisper-1", "openai") }),
            "models the provider's patterns match (gpt-*, text-embedding-*) by their own names, others as provider/model");
    }

    [GeneratedRegex("chatcmpl-[A-Za-z0-9]{29}")]
    private static partial Regex CompletionId();
}

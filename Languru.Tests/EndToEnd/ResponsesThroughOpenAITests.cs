using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.EndToEnd;

/// <summary>The Responses API in front of an upstream that speaks only chat completions (real Kestrel, exact wire fixtures).</summary>
public class ResponsesThroughOpenAITests
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
            .With("Languru:Providers:openai:TimeToFirstToken", "00:00:05");
        _client = new HttpClient { BaseAddress = _factory.StartKestrel() };
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string json)
    {
        using var response = await _client.PostAsync("v1/responses", new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void AssertJsonEqual(string actual, string expected) =>
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(expected)), Is.True, actual);

    [Test]
    public async Task Whole_IsTranslatedToChatCompletionsAndBack()
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);

        // Act
        var (status, body) = await PostAsync(
            """{"model":"gpt-4o-mini","instructions":"Be brief.","input":[{"role":"user","content":[{"type":"input_text","text":"Hi"}]}],"max_output_tokens":20,"temperature":0.5,"metadata":{"k":"v"},"user":"u1"}""");
        using var json = JsonDocument.Parse(body);

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        OpenAISchemas.AssertValid("Response", body);
        AssertJsonEqual(_upstream.LastRequest.Body,
            """{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],"model":"gpt-4o-mini","temperature":0.5,"max_completion_tokens":20,"user":"u1"}""");
        var root = json.RootElement;
        Assert.That(root.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("Hello from upstream!"));
        Assert.That(root.GetProperty("usage").GetRawText(), Is.EqualTo(
            """{"input_tokens":19,"input_tokens_details":{"cached_tokens":16,"cache_write_tokens":0},"output_tokens":5,"output_tokens_details":{"reasoning_tokens":2},"total_tokens":24}"""));
        Assert.That(root.GetProperty("temperature").GetDouble(), Is.EqualTo(0.5));
        Assert.That(root.TryGetProperty("service_tier", out _), Is.False, "only the request's own settings are echoed");
    }

    [Test]
    public async Task Stream_TextAndUsage_AreStreamedAsResponseEvents()
    {
        // Arrange
        _upstream.Handler = Respond.Sse(OpenAIFixtures.StreamedAnswer);

        // Act
        var (status, body) = await PostAsync("""{"model":"gpt-4o-mini","input":"Hi","stream":true}""");
        var events = ResponseEvents.Parse(body);

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(events.Where(e => e.GetProperty("type").GetString() == "response.output_text.delta").Select(e => e.GetProperty("delta").GetString()),
            Is.EqualTo(new[] { "Hello", " there", "!" }));
        var final = ResponseEvents.Final(events);
        Assert.That(final.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(final.GetProperty("usage").GetProperty("total_tokens").GetInt32(), Is.EqualTo(12));
        Assert.That(_upstream.LastRequest.Json.GetProperty("stream").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Stream_ToolCallFragments_BecomeFunctionCallItemsWithArgumentDeltas()
    {
        // Arrange
        _upstream.Handler = Respond.Sse(OpenAIFixtures.StreamedToolCalls);

        // Act
        var (_, body) = await PostAsync(
            """{"model":"gpt-4o","input":"weather and time","stream":true,"tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}},{"type":"function","name":"get_time"}]}""");
        var events = ResponseEvents.Parse(body);

        // Assert
        AssertJsonEqual(_upstream.LastRequest.Json.GetProperty("tools").GetRawText(),
            """[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}},{"type":"function","function":{"name":"get_time"}}]""");
        var deltas = events.Where(e => e.GetProperty("type").GetString() == "response.function_call_arguments.delta")
            .Select(e => (e.GetProperty("output_index").GetInt32(), e.GetProperty("delta").GetString()));
        Assert.That(deltas, Is.EqualTo(new[] { (0, "{\"ci"), (0, "ty\": \"Pa"), (0, "ris\"}"), (1, "{\"tz\":"), (1, " \"CET\"}") }));
        var done = events.Where(e => e.GetProperty("type").GetString() == "response.function_call_arguments.done")
            .Select(e => (e.GetProperty("name").GetString(), e.GetProperty("arguments").GetString()));
        Assert.That(done, Is.EqualTo(new[] { ("get_weather", "{\"city\": \"Paris\"}"), ("get_time", "{\"tz\": \"CET\"}") }));
        var output = ResponseEvents.Final(events).GetProperty("output");
        Assert.That(output.EnumerateArray().Select(i => (i.GetProperty("type").GetString(), i.GetProperty("call_id").GetString(), i.GetProperty("status").GetString())),
            Is.EqualTo(new[] { ("function_call", "call_w", "completed"), ("function_call", "call_t", "completed") }));
    }

    [Test]
    public async Task FunctionCallRoundTrip_SendsTheCallAndItsOutputUpstreamAsChatMessages()
    {
        // Arrange: the model calls a tool ...
        _upstream.Handler = Respond.Json(OpenAIFixtures.ToolCallsAnswer);
        var (_, first) = await PostAsync("""{"model":"gpt-4o","input":"Weather in Paris?","tools":[{"type":"function","name":"get_weather"}]}""");
        using var firstJson = JsonDocument.Parse(first);
        var call = firstJson.RootElement.GetProperty("output")[0];
        _upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);

        // Act: ... and the client answers it, continuing the stored conversation.
        var (status, second) = await PostAsync($$"""
            {"model":"gpt-4o","previous_response_id":"{{firstJson.RootElement.GetProperty("id").GetString()}}","tools":[{"type":"function","name":"get_weather"}],
             "input":[{"type":"function_call_output","call_id":"{{call.GetProperty("call_id").GetString()}}","output":"18 degrees"}]}
            """);

        // Assert
        Assert.That(call.GetProperty("type").GetString(), Is.EqualTo("function_call"));
        Assert.That(call.GetProperty("name").GetString(), Is.EqualTo("get_weather"));
        Assert.That(call.GetProperty("arguments").GetString(), Is.EqualTo("{\"city\": \"Paris\"}"), "arguments verbatim");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), second);
        AssertJsonEqual(_upstream.LastRequest.Json.GetProperty("messages").GetRawText(), """
            [{"role":"user","content":"Weather in Paris?"},
             {"role":"assistant","tool_calls":[{"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Paris\"}"}}]},
             {"role":"tool","tool_call_id":"call_a","content":"18 degrees"}]
            """);
    }

    [Test]
    public async Task UpstreamErrorBeforeTheFirstByte_IsAnHttpError()
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.Error("Rate limit reached for gpt-4o-mini on requests per min.", "requests", code: "rate_limit_exceeded"), 429, ("retry-after", "20"));

        // Act
        var (status, body) = await PostAsync("""{"model":"gpt-4o-mini","input":"Hi","stream":true}""");

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(body, Does.StartWith("""{"error":{"message":"""));
    }

    [Test]
    public async Task UpstreamBreakingAfterTheFirstByte_EndsWithResponseFailed()
    {
        // Arrange
        _upstream.Handler = Respond.Sse([OpenAIFixtures.Chunk("""{"role":"assistant","content":"Hel"}""")], TimeSpan.FromMilliseconds(200), breakAtTheEnd: true);

        // Act
        var (status, body) = await PostAsync("""{"model":"gpt-4o-mini","input":"Hi","stream":true}""");
        var events = ResponseEvents.Parse(body);

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(events[^1].GetProperty("type").GetString(), Is.EqualTo("response.failed"));
        var failed = ResponseEvents.Final(events);
        Assert.That(failed.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(failed.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("server_error"));
        Assert.That(failed.GetProperty("error").GetProperty("message").GetString(), Does.StartWith("The connection to the upstream 'openai' broke"));
        Assert.That(failed.GetProperty("output")[0].GetProperty("status").GetString(), Is.EqualTo("incomplete"));
        Assert.That(failed.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("Hel"));
    }

    [Test]
    public async Task UpstreamStreamEndingWithoutAFinishReason_EndsWithResponseFailed()
    {
        // Arrange: a clean end ([DONE]) of an answer that never said it was finished.
        _upstream.Handler = Respond.Sse([OpenAIFixtures.Chunk("""{"role":"assistant","content":"Hel"}"""), OpenAIFixtures.Done]);

        // Act
        var (_, body) = await PostAsync("""{"model":"gpt-4o-mini","input":"Hi","stream":true}""");
        var events = ResponseEvents.Parse(body);

        // Assert
        Assert.That(events[^1].GetProperty("type").GetString(), Is.EqualTo("response.failed"));
        Assert.That(ResponseEvents.Types(events), Does.Not.Contain("response.completed"));
    }

    private const string ReasoningAnswer = """
        {"id":"chatcmpl-r1","object":"chat.completion","created":1700000123,"model":"deepseek-reasoner","choices":[{"index":0,"message":{"role":"assistant","content":"42","reasoning_content":"Six times seven."},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":8,"total_tokens":18,"completion_tokens_details":{"reasoning_tokens":5}}}
        """;

    private static readonly string[] StreamedReasoning =
    [
        OpenAIFixtures.Chunk("""{"role":"assistant","content":null,"reasoning_content":"Six"}"""),
        OpenAIFixtures.Chunk("""{"reasoning_content":" times seven."}"""),
        OpenAIFixtures.Chunk("""{"content":"42"}"""),
        OpenAIFixtures.Chunk("{}", "\"stop\""),
        OpenAIFixtures.Done,
    ];

    [Test]
    public async Task ReasoningContent_BecomesAReasoningItemBeforeTheMessage()
    {
        // Arrange
        _upstream.Handler = Respond.Json(ReasoningAnswer);

        // Act
        var (status, body) = await PostAsync("""{"model":"gpt-4o","input":"What is six times seven?","reasoning":{"effort":"high"}}""");
        using var json = JsonDocument.Parse(body);

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        OpenAISchemas.AssertValid("Response", body);
        var output = json.RootElement.GetProperty("output");
        Assert.That(output[0].GetProperty("type").GetString(), Is.EqualTo("reasoning"));
        Assert.That(output[0].GetProperty("id").GetString(), Does.StartWith("rs_"));
        Assert.That(output[0].GetProperty("content").GetRawText(), Is.EqualTo("""[{"type":"reasoning_text","text":"Six times seven."}]"""));
        Assert.That(output[1].GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("42"));
        Assert.That(json.RootElement.GetProperty("usage").GetProperty("output_tokens_details").GetProperty("reasoning_tokens").GetInt32(), Is.EqualTo(5));
        Assert.That(_upstream.LastRequest.Json.GetProperty("reasoning_effort").GetString(), Is.EqualTo("high"), "the effort is forwarded");
    }

    [Test]
    public async Task StreamedReasoningContent_StreamsAsReasoningTextEvents()
    {
        // Arrange
        _upstream.Handler = Respond.Sse(StreamedReasoning);

        // Act
        var (_, body) = await PostAsync("""{"model":"gpt-4o","input":"What is six times seven?","stream":true}""");
        var events = ResponseEvents.Parse(body);

        // Assert
        Assert.That(ResponseEvents.Types(events).Take(7), Is.EqualTo(new[]
        {
            "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
            "response.reasoning_text.delta", "response.reasoning_text.delta", "response.reasoning_text.done",
        }));
        var output = ResponseEvents.Final(events).GetProperty("output");
        Assert.That(output.EnumerateArray().Select(i => i.GetProperty("type").GetString()), Is.EqualTo(new[] { "reasoning", "message" }));
        Assert.That(output[0].GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("Six times seven."));
    }

    [Test]
    public async Task ReasoningContent_ReachesChatClientsInMessagesAndDeltas()
    {
        // Arrange
        _upstream.Handler = Respond.Json(ReasoningAnswer);
        using var whole = await _client.PostAsync("v1/chat/completions", new StringContent("""{"model":"gpt-4o","prompt":"6*7?"}""", Encoding.UTF8, "application/json"));
        var wholeBody = await whole.Content.ReadAsStringAsync();
        _upstream.Handler = Respond.Sse(StreamedReasoning);

        // Act
        using var streamed = await _client.PostAsync("v1/chat/completions", new StringContent("""{"model":"gpt-4o","prompt":"6*7?","stream":true}""", Encoding.UTF8, "application/json"));
        var chunks = ServerSentEvents.Chunks(await streamed.Content.ReadAsStringAsync());

        // Assert
        Assert.That(JsonDocument.Parse(wholeBody).RootElement.GetProperty("choices")[0].GetProperty("message").GetRawText(),
            Is.EqualTo("""{"role":"assistant","content":"42","refusal":null,"reasoning_content":"Six times seven."}"""));
        Assert.That(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("reasoning_content", out var r) ? r.GetString() : null),
            Is.EqualTo(new[] { "Six", " times seven.", null, null }));
    }
}

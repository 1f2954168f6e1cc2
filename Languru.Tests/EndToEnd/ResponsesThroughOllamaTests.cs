using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.EndToEnd;

/// <summary>The Responses API in front of a fake Ollama (real Kestrel, Ollama's exact NDJSON).</summary>
public class ResponsesThroughOllamaTests
{
    private FakeUpstream _ollama = null!;
    private LanguruFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _ollama = await FakeUpstream.StartAsync();
        _factory = new LanguruFactory().With("OLLAMA_HOST", _ollama.BaseUrl.Authority);
        _client = new HttpClient { BaseAddress = _factory.StartKestrel() };
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _ollama.DisposeAsync();
    }

    private void Serve(Func<Microsoft.AspNetCore.Http.HttpContext, Task> chat) =>
        _ollama.Handler = context => context.Request.Path == "/api/tags" ? Respond.Json(OllamaFixtures.Tags)(context) : chat(context);

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string json)
    {
        using var response = await _client.PostAsync("v1/responses", new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private JsonNode? LastChatMessages() => JsonNode.Parse(_ollama.Requests.Last(r => r.Path == "/api/chat").Body)!["messages"];

    [Test]
    public async Task Stream_OllamaLines_BecomeResponseEvents()
    {
        // Arrange
        Serve(OllamaFixtures.Ndjson(OllamaFixtures.StreamedAnswer));

        // Act
        var (status, body) = await PostAsync("""{"model":"llama3.2","input":"Why is the sky blue?","stream":true}""");
        var events = ResponseEvents.Parse(body);

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var final = ResponseEvents.Final(events);
        Assert.That(final.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("The sky is blue."));
        Assert.That(final.GetProperty("usage").GetProperty("input_tokens").GetInt32(), Is.EqualTo(26));
        Assert.That(final.GetProperty("usage").GetProperty("output_tokens").GetInt32(), Is.EqualTo(282));
    }

    [Test]
    public async Task Stream_ToolCalls_BecomeFunctionCallItems()
    {
        // Arrange
        Serve(OllamaFixtures.Ndjson(OllamaFixtures.StreamedToolCalls));

        // Act
        var (_, body) = await PostAsync("""{"model":"llama3.2","input":"weather and time in Tokyo","stream":true,"tools":[{"type":"function","name":"get_weather"},{"type":"function","name":"get_time"}]}""");
        var output = ResponseEvents.Final(ResponseEvents.Parse(body)).GetProperty("output");

        // Assert
        Assert.That(output.EnumerateArray().Select(i => (i.GetProperty("type").GetString(), i.GetProperty("name").GetString(), i.GetProperty("arguments").GetString())),
            Is.EqualTo(new[] { ("function_call", "get_weather", """{"city":"Tokyo","unit":"celsius"}"""), ("function_call", "get_time", """{"tz":"JST"}""") }));
        Assert.That(output[1].GetProperty("call_id").GetString(), Is.EqualTo("call_given"));
    }

    [Test]
    public async Task TwoTurns_WithPreviousResponseId_SendTheWholeConversation()
    {
        // Arrange
        Serve(Respond.Json(OllamaFixtures.WholeAnswer));
        var (_, first) = await PostAsync("""{"model":"llama3.2","instructions":"Be kind.","input":"Hello"}""");
        var firstId = JsonDocument.Parse(first).RootElement.GetProperty("id").GetString();

        // Act
        var (status, second) = await PostAsync($$"""{"model":"llama3.2","input":"Fine, thanks","previous_response_id":"{{firstId}}"}""");

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), second);
        OpenAISchemas.AssertValid("Response", second);
        Assert.That(JsonNode.DeepEquals(LastChatMessages(), JsonNode.Parse(
            """[{"role":"user","content":"Hello"},{"role":"assistant","content":"Hello! How are you today?"},{"role":"user","content":"Fine, thanks"}]""")),
            Is.True, LastChatMessages()?.ToJsonString() + " (instructions are not carried over)");
    }

    [Test]
    public async Task FunctionCallRoundTrip_SendsTheCallAndItsResultToOllama()
    {
        // Arrange
        Serve(Respond.Json("""{"model":"llama3.2","created_at":"2024-07-22T20:33:28.123648Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},"done_reason":"stop","done":true,"prompt_eval_count":122,"eval_count":33}"""));
        var (_, first) = await PostAsync("""{"model":"llama3.2","input":"Weather in Paris?","tools":[{"type":"function","name":"get_weather"}]}""");
        using var firstJson = JsonDocument.Parse(first);
        var call = firstJson.RootElement.GetProperty("output")[0];
        Serve(Respond.Json(OllamaFixtures.WholeAnswer));

        // Act
        var (status, _) = await PostAsync($$"""
            {"model":"llama3.2","previous_response_id":"{{firstJson.RootElement.GetProperty("id").GetString()}}",
             "input":[{"type":"function_call_output","call_id":"{{call.GetProperty("call_id").GetString()}}","output":"18 degrees"}]}
            """);

        // Assert
        Assert.That(call.GetProperty("type").GetString(), Is.EqualTo("function_call"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var messages = LastChatMessages()!.AsArray();
        Assert.That(messages, Has.Count.EqualTo(3));
        Assert.That(messages[1]!["tool_calls"]![0]!["function"]!["name"]!.GetValue<string>(), Is.EqualTo("get_weather"));
        Assert.That(messages[2]!["role"]!.GetValue<string>(), Is.EqualTo("tool"));
        Assert.That(messages[2]!["content"]!.GetValue<string>(), Is.EqualTo("18 degrees"));
    }

    [Test]
    public async Task Thinking_WithReasoningEffort_SendsThinkAndReturnsAReasoningItem()
    {
        // Arrange
        Serve(OllamaFixtures.Ndjson(
        [
            """{"model":"qwen3","created_at":"2025-05-29T09:35:56.836222Z","message":{"role":"assistant","content":"","thinking":"Six times"},"done":false}""" + "\n",
            """{"model":"qwen3","created_at":"2025-05-29T09:35:56.836222Z","message":{"role":"assistant","content":"","thinking":" seven."},"done":false}""" + "\n",
            OllamaFixtures.Line("42", "qwen3"),
            OllamaFixtures.Final(model: "qwen3"),
        ]));

        // Act
        var (_, body) = await PostAsync("""{"model":"ollama/qwen3","input":"What is six times seven?","reasoning":{"effort":"low"},"stream":true}""");
        var output = ResponseEvents.Final(ResponseEvents.Parse(body)).GetProperty("output");

        // Assert
        Assert.That(JsonNode.Parse(_ollama.Requests.Last(r => r.Path == "/api/chat").Body)!["think"]!.GetValue<bool>(), Is.True);
        Assert.That(output.EnumerateArray().Select(i => i.GetProperty("type").GetString()), Is.EqualTo(new[] { "reasoning", "message" }));
        Assert.That(output[0].GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("Six times seven."));
        Assert.That(output[1].GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("42"));
    }

    [Test]
    public async Task NoReasoningEffort_SendsNoThink()
    {
        // Arrange
        Serve(Respond.Json(OllamaFixtures.WholeAnswer));

        // Act
        await PostAsync("""{"model":"llama3.2","input":"Hi"}""");

        // Assert
        Assert.That(JsonNode.Parse(_ollama.Requests.Last(r => r.Path == "/api/chat").Body)!.AsObject().ContainsKey("think"), Is.False);
    }
}

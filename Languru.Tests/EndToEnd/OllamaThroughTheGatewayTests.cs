using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.EndToEnd;

/// <summary>A real gateway in front of a fake Ollama (real Kestrel, Ollama's exact NDJSON).</summary>
public partial class OllamaThroughTheGatewayTests
{
    private FakeUpstream _ollama = null!;
    private LanguruFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _ollama = await FakeUpstream.StartAsync();
        _factory = new LanguruFactory()
            .With("OLLAMA_HOST", _ollama.BaseUrl.Authority) // host:port, without a scheme, as people set it
            .With("Languru:Providers:ollama:BusyRetryAfter", "00:00:02");
        _client = new HttpClient { BaseAddress = _factory.StartKestrel() };
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _ollama.DisposeAsync();
    }

    /// <summary>Serves /api/tags from the fixture, /api/chat from <paramref name="chat"/>.</summary>
    private void Serve(Func<Microsoft.AspNetCore.Http.HttpContext, Task> chat) =>
        _ollama.Handler = context => context.Request.Path == "/api/tags" ? Respond.Json(OllamaFixtures.Tags)(context) : chat(context);

    private Task<HttpResponseMessage> PostAsync(string json) =>
        _client.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));

    private RecordedRequest LastChat => _ollama.Requests.Last(r => r.Path == "/api/chat");

    private static string WithoutIds(string body) => CallId().Replace(CompletionId().Replace(body, "chatcmpl-ID"), "call_ID");

    [Test]
    public async Task WholeAnswer_IsAChatCompletion()
    {
        // Arrange
        Serve(Respond.Json(OllamaFixtures.WholeAnswer));

        // Act
        var response = await PostAsync("""{"model":"ollama/llama3.2","messages":[{"role":"user","content":"Hello"}],"max_tokens":50,"temperature":0}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(WithoutIds(await response.Content.ReadAsStringAsync()), Is.EqualTo(
            """{"id":"chatcmpl-ID","object":"chat.completion","created":1700000000,"model":"ollama/llama3.2","choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How are you today?","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":26,"completion_tokens":298,"total_tokens":324}}"""));
        Assert.That(LastChat.Body, Is.EqualTo("""{"model":"llama3.2","messages":[{"role":"user","content":"Hello"}],"stream":false,"options":{"temperature":0,"num_predict":50}}"""));
    }

    [Test]
    public async Task Stream_IsOpenAIsSse_WithUsageWhenAsked()
    {
        // Arrange
        Serve(OllamaFixtures.Ndjson(OllamaFixtures.StreamedAnswer, TimeSpan.FromMilliseconds(5)));

        // Act
        var response = await PostAsync("""{"model":"llama3.2","prompt":"Why is the sky blue?","stream":true,"stream_options":{"include_usage":true}}""");
        var events = ServerSentEvents.Data(WithoutIds(await response.Content.ReadAsStringAsync()));

        // Assert
        Assert.That(events, Is.EqualTo(new[]
        {
            """{"id":"chatcmpl-ID","object":"chat.completion.chunk","created":1700000000,"model":"llama3.2","choices":[{"index":0,"delta":{"role":"assistant","content":"The"},"logprobs":null,"finish_reason":null}]}""",
            """{"id":"chatcmpl-ID","object":"chat.completion.chunk","created":1700000000,"model":"llama3.2","choices":[{"index":0,"delta":{"content":" sky"},"logprobs":null,"finish_reason":null}]}""",
            """{"id":"chatcmpl-ID","object":"chat.completion.chunk","created":1700000000,"model":"llama3.2","choices":[{"index":0,"delta":{"content":" is"},"logprobs":null,"finish_reason":null}]}""",
            """{"id":"chatcmpl-ID","object":"chat.completion.chunk","created":1700000000,"model":"llama3.2","choices":[{"index":0,"delta":{"content":" blue."},"logprobs":null,"finish_reason":null}]}""",
            """{"id":"chatcmpl-ID","object":"chat.completion.chunk","created":1700000000,"model":"llama3.2","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"stop"}]}""",
            """{"id":"chatcmpl-ID","object":"chat.completion.chunk","created":1700000000,"model":"llama3.2","choices":[],"usage":{"prompt_tokens":26,"completion_tokens":282,"total_tokens":308}}""",
            "[DONE]",
        }));
        Assert.That(LastChat.Json.GetProperty("model").GetString(), Is.EqualTo("llama3.2"), "routed by its bare name because Ollama lists it");
        Assert.That(LastChat.Json.GetProperty("stream").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Stream_EachOllamaLineReachesTheClientBeforeTheNextIsSent()
    {
        // Arrange: Ollama sends "The" and " sky", and holds the rest until the client has read " sky".
        var clientSawSky = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Serve(Respond.StreamHeld("application/x-ndjson", OllamaFixtures.StreamedAnswer, held: 2, clientSawSky.Task));

        // Act: a gateway that batched lines would never pass " sky" on alone, and the read would stall.
        var lines = await ServerSentEvents.ReadLinesAsync(_client, """{"model":"llama3.2","prompt":"Why is the sky blue?","stream":true}""", line =>
        {
            if (line.Contains("\"content\":\" sky\"", StringComparison.Ordinal))
            {
                clientSawSky.TrySetResult();
            }
        });

        // Assert
        Assert.That(clientSawSky.Task.IsCompleted, Is.True);
        Assert.That(string.Join("\n", lines), Does.Contain("\"content\":\" blue.\"").And.EndWith("data: [DONE]\n"), "the held lines followed once released");
    }

    [Test]
    public async Task StreamedToolCalls_AreOpenAIToolCallDeltasNumberedByIndex()
    {
        // Arrange
        Serve(OllamaFixtures.Ndjson(OllamaFixtures.StreamedToolCalls));

        // Act
        var response = await PostAsync("""{"model":"llama3.2","prompt":"weather and time in Tokyo","stream":true,"tools":[{"type":"function","function":{"name":"get_weather"}},{"type":"function","function":{"name":"get_time"}}]}""");
        var chunks = ServerSentEvents.Chunks(WithoutIds(await response.Content.ReadAsStringAsync()));

        // Assert
        Assert.That(chunks[0].GetProperty("choices")[0].GetProperty("delta").GetRawText(), Is.EqualTo(
            """{"role":"assistant","tool_calls":[{"index":0,"id":"call_ID","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Tokyo\",\"unit\":\"celsius\"}"}},{"index":1,"id":"call_given","type":"function","function":{"name":"get_time","arguments":"{\"tz\":\"JST\"}"}}]}"""));
        Assert.That(chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("tool_calls"));
        Assert.That(LastChat.Json.GetProperty("tools").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public async Task WholeAnswerWithToolCalls_HasNullContentAndToolCalls()
    {
        // Arrange
        Serve(Respond.Json("""{"model":"llama3.2","created_at":"2024-07-22T20:33:28.123648Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},"done_reason":"stop","done":true,"prompt_eval_count":122,"eval_count":33}"""));

        // Act
        var response = await PostAsync("""{"model":"llama3.2","prompt":"weather?","tools":[{"type":"function","function":{"name":"get_weather"}}]}""");
        var body = WithoutIds(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.That(body, Does.Contain(
            """message":{"role":"assistant","content":null,"refusal":null,"tool_calls":[{"id":"call_ID","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},"logprobs":null,"finish_reason":"tool_calls"}"""));
    }

    [Test]
    public async Task UnknownOllamaModel_Is404ModelNotFound()
    {
        // Arrange
        Serve(Respond.Json(OllamaFixtures.Error("model 'nothere' not found"), 404));

        // Act
        var response = await PostAsync("""{"model":"ollama/nothere","prompt":"x"}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"error":{"message":"Ollama ('ollama') does not have the model 'nothere' (model 'nothere' not found); pull it with: ollama pull nothere","type":"invalid_request_error","param":"model","code":"model_not_found"}}"""));
    }

    [Test]
    public async Task BareNameOllamaDoesNotList_Is404ListingWhatItHas()
    {
        // Arrange
        Serve(Respond.Json(OllamaFixtures.WholeAnswer));

        // Act
        var response = await PostAsync("""{"model":"gemma3","prompt":"x"}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Models you can use: echo, default, llama3.2:latest, qwen2.5-coder:7b, echo/<model>, ollama/<model>."));
    }

    [Test]
    public async Task OllamaBusy_Is503WithRetryAfter()
    {
        // Arrange
        Serve(Respond.Json(OllamaFixtures.Error("server busy, please try again.  maximum pending requests exceeded"), 503));

        // Act
        var response = await PostAsync("""{"model":"llama3.2","prompt":"x","stream":true}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(response.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"error":{"message":"Ollama ('ollama') is busy: server busy, please try again.  maximum pending requests exceeded","type":"server_error","param":null,"code":"upstream_unavailable"}}"""));
    }

    [Test]
    public async Task ErrorLineMidStream_IsAnInStreamErrorEvent()
    {
        // Arrange
        Serve(OllamaFixtures.Ndjson([OllamaFixtures.Line("The"), OllamaFixtures.Error("llama runner process has terminated: signal: killed") + "\n"], TimeSpan.FromMilliseconds(100)));

        // Act
        var response = await PostAsync("""{"model":"llama3.2","prompt":"x","stream":true}""");
        var events = ServerSentEvents.Data(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(events[0], Does.Contain("\"content\":\"The\""));
        Assert.That(events[^1], Is.EqualTo(
            """{"error":{"message":"Ollama ('ollama') reported an error mid-stream: llama runner process has terminated: signal: killed","type":"server_error","param":null,"code":"upstream_error"}}"""));
    }

    [TestCase("""[{"type":"function","function":{"name":"f"}},{"type":"custom","custom":{"name":"grep"}}]""", "\"auto\"", "tools[1]")]
    [TestCase("""[{"type":"function","function":{"name":"f"}}]""", """{"type":"allowed_tools","allowed_tools":{"mode":"auto","tools":[{"type":"function","function":{"name":"f"}}]}}""", "tool_choice")]
    public async Task CustomToolsOrTheirToolChoices_Are400NamingTheField(string tools, string toolChoice, string param)
    {
        // Arrange: the model list is served; a chat call would answer, so only the refusal gives the 400
        Serve(Respond.Json(OllamaFixtures.WholeAnswer));

        // Act
        var response = await PostAsync($$"""{"model":"llama3.2","messages":[{"role":"user","content":"x"}],"tools":{{tools}},"tool_choice":{{toolChoice}}}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            $$$"""{"error":{"message":"Ollama has no custom tools, no 'allowed_tools' or 'custom' tool choice and no legacy function calls; use function tools and tool calls instead.","type":"invalid_request_error","param":"{{{param}}}","code":"unsupported_parameter"}}"""));
    }

    [TestCase("""{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}},{"id":"c2","type":"custom","custom":{"name":"grep","input":"x"}}]}""", "messages[1].tool_calls[1]")]
    [TestCase("""{"role":"assistant","content":null,"function_call":{"name":"f","arguments":"{}"}}""", "messages[1].function_call")]
    public async Task CustomToolCallsOrLegacyFunctionCallsInMessages_Are400NamingTheField(string assistant, string param)
    {
        // Arrange: the model list is served; a chat call would answer, so only the refusal gives the 400
        Serve(Respond.Json(OllamaFixtures.WholeAnswer));

        // Act
        var response = await PostAsync($$"""{"model":"llama3.2","messages":[{"role":"user","content":"x"},{{assistant}},{"role":"user","content":"and?"}]}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            $$$"""{"error":{"message":"Ollama has no custom tools, no 'allowed_tools' or 'custom' tool choice and no legacy function calls; use function tools and tool calls instead.","type":"invalid_request_error","param":"{{{param}}}","code":"unsupported_parameter"}}"""));
    }

    [Test]
    public async Task ImageByUrl_Is400()
    {
        // Act
        var response = await PostAsync("""{"model":"llama3.2","messages":[{"role":"user","content":[{"type":"text","text":"what is it?"},{"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}]}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"error":{"message":"Ollama takes images inline only: send the image as a base64 data URL (data:image/png;base64,…), not a link.","type":"invalid_request_error","param":null,"code":"unsupported_parameter"}}"""));
    }

    [Test]
    public async Task ImageAsDataUrl_IsSentAsBase64()
    {
        // Arrange
        Serve(Respond.Json(OllamaFixtures.WholeAnswer));

        // Act
        var response = await PostAsync("""{"model":"llama3.2","messages":[{"role":"user","content":[{"type":"text","text":"what is it?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}]}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(LastChat.Json.GetProperty("messages")[0].GetRawText(), Is.EqualTo("""{"role":"user","content":"what is it?","images":["iVBORw0KGgo="]}"""));
    }

    [Test]
    public async Task NChoices_MakeNConcurrentOllamaRequests()
    {
        // Arrange
        Serve(Respond.Json(OllamaFixtures.WholeAnswer));
        var before = _ollama.Requests.Count(r => r.Path == "/api/chat");

        // Act
        var response = await PostAsync("""{"model":"llama3.2","prompt":"x","n":3}""");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.That(json.RootElement.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("index").GetInt32()), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(_ollama.Requests.Count(r => r.Path == "/api/chat") - before, Is.EqualTo(3));
    }

    [Test]
    public async Task ModelList_HasOllamasModelsOwnedByOllama()
    {
        // Arrange
        Serve(Respond.Json(OllamaFixtures.WholeAnswer));

        // Act
        using var json = JsonDocument.Parse(await _client.GetStringAsync("v1/models"));

        // Assert
        var ollama = json.RootElement.GetProperty("data").EnumerateArray().Where(m => m.GetProperty("owned_by").GetString() == "ollama")
            .Select(m => m.GetProperty("id").GetString());
        Assert.That(ollama, Is.EqualTo(new[] { "llama3.2:latest", "qwen2.5-coder:7b" }));
    }

    [Test]
    public async Task ClientDisconnectingMidStream_AbortsTheOllamaRequest()
    {
        // Arrange
        Serve(async context =>
        {
            await OllamaFixtures.Ndjson([OllamaFixtures.Line("The")])(context);
            await Respond.Never()(context);
        });
        using var leaving = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = _client.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent("""{"model":"llama3.2","prompt":"x","stream":true}""", Encoding.UTF8, "application/json"),
        };

        // Act
        using (var response = await leaving.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.That(await reader.ReadLineAsync(), Does.Contain("\"content\":\"The\""));
        }

        // Assert
        Assert.That(async () => await LastChat.Aborted.WaitAsync(TimeSpan.FromSeconds(10)), Throws.Nothing, "Ollama saw the abort");
    }

    [GeneratedRegex("chatcmpl-[A-Za-z0-9]{29}")]
    private static partial Regex CompletionId();

    [GeneratedRegex("call_[a-z0-9]{24}")]
    private static partial Regex CallId();
}

/// <summary>A gateway whose Ollama is down: the rest keeps working.</summary>
public class OllamaDownTests
{
    [Test]
    public async Task UnreachableOllama_Is503NamingTheProviderNotTheAddress_AndTheModelListStillWorks()
    {
        // Arrange: a port that was free a moment ago
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var factory = new LanguruFactory().With("OLLAMA_HOST", $"127.0.0.1:{port}");
        using var client = factory.CreateClient();

        // Act
        var chat = await client.PostAsync("/v1/chat/completions", new StringContent("""{"model":"ollama/llama3.2","prompt":"x"}""", Encoding.UTF8, "application/json"));
        var models = await client.GetAsync("/v1/models");

        // Assert
        Assert.That(chat.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await chat.Content.ReadAsStringAsync(), Is.EqualTo("""{"error":{"message":"Ollama ('ollama') is not reachable.","type":"server_error","param":null,"code":"upstream_unavailable"}}"""));
        Assert.That(models.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await models.Content.ReadAsStringAsync(), Does.Contain("\"id\":\"default\""));
    }

    [Test]
    public async Task OllamaNotConfigured_ItsModelsSayWhatToSet()
    {
        // Arrange
        await using var factory = new LanguruFactory();
        using var client = factory.CreateClient();

        // Act
        var chat = await client.PostAsync("/v1/chat/completions", new StringContent("""{"model":"ollama/llama3.2","prompt":"x"}""", Encoding.UTF8, "application/json"));

        // Assert
        Assert.That(chat.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await chat.Content.ReadAsStringAsync(), Does.Contain(
            "is served by provider 'ollama', which is not configured: set the OLLAMA_HOST environment variable (e.g. 127.0.0.1:11434), or Languru:Providers:ollama:BaseUrl, or Languru:Providers:ollama:Enabled to true for http://127.0.0.1:11434."));
    }
}

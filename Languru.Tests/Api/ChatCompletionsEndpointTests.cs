using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Api;

public partial class ChatCompletionsEndpointTests
{
    private LanguruFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartGateway()
    {
        _factory = new LanguruFactory();
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopGateway()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    internal static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Test]
    public async Task Post_DefaultModel_ReturnsTheEchoCompletion()
    {
        // Act
        var response = await _client.PostAsync("/v1/chat/completions", Json("""{"model":"default","messages":[{"role":"user","content":"Tell me a joke"}]}"""));
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(CompletionId().Replace(body, "chatcmpl-ID"), Is.EqualTo(
            """{"id":"chatcmpl-ID","object":"chat.completion","created":1700000000,"model":"default","choices":[{"index":0,"message":{"role":"assistant","content":"Tell me a joke","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":4,"completion_tokens":4,"total_tokens":8}}"""));
    }

    [Test]
    public async Task Post_UnversionedPathWithPromptShorthand_AnswersLikeTheSeedCurl()
    {
        // Act (the request body of the seed's curl example, with the model that works without keys)
        var response = await _client.PostAsync("/chat/completions",
            Json("""{"model": "default", "prompt": "Hello, how are you?", "max_tokens": 100, "temperature": 0.7, "stream": false}"""));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("Hello, how are you?"));
    }

    [Test]
    public async Task Post_Stream_ReturnsServerSentEventsEndingWithDone()
    {
        // Act
        var response = await _client.PostAsync("/chat/completions",
            Json("""{"model": "default", "prompt": "Hello, how are you?", "max_tokens": 100, "temperature": 0.7, "stream": true}"""));
        var chunks = ServerSentEvents.Chunks(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(response.Headers.CacheControl!.NoStore, Is.True);
        Assert.That(chunks.Select(c => c.GetProperty("id").GetString()).Distinct().Count(), Is.EqualTo(1), "one id for the whole stream");
        Assert.That(chunks.Select(c => c.GetProperty("created").GetInt64()), Has.All.EqualTo(1700000000));
        Assert.That(chunks.Select(c => c.GetProperty("model").GetString()), Has.All.EqualTo("default"));
        var deltas = chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta")).ToList();
        Assert.That(string.Concat(deltas.Select(d => d.GetProperty("content").GetString())), Is.EqualTo("Hello, how are you?"));
        Assert.That(deltas.Count(d => d.TryGetProperty("role", out _)), Is.EqualTo(1));
        Assert.That(chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString(), Is.EqualTo("stop"));
        Assert.That(chunks.Take(chunks.Count - 1).Select(c => c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind), Has.All.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Post_StreamWithIncludeUsage_EndsWithAUsageChunk()
    {
        // Act
        var response = await _client.PostAsync("/v1/chat/completions",
            Json("""{"model":"echo","messages":[{"role":"user","content":"one two three"}],"stream":true,"stream_options":{"include_usage":true}}"""));
        var chunks = ServerSentEvents.Chunks(await response.Content.ReadAsStringAsync());

        // Assert
        var last = chunks[^1];
        Assert.That(last.GetProperty("choices").GetArrayLength(), Is.Zero);
        Assert.That(last.GetProperty("usage").GetRawText(), Is.EqualTo("""{"prompt_tokens":3,"completion_tokens":3,"total_tokens":6}"""));
    }

    [Test]
    public async Task Post_NChoices_ReturnsEachChoiceIndexed()
    {
        // Act
        var response = await _client.PostAsync("/v1/chat/completions", Json("""{"model":"echo/anything","prompt":"a b","n":3}"""));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        var choices = json.RootElement.GetProperty("choices").EnumerateArray().ToList();
        Assert.That(choices.Select(c => c.GetProperty("index").GetInt32()), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(choices.Select(c => c.GetProperty("message").GetProperty("content").GetString()), Has.All.EqualTo("a b"));
        Assert.That(json.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), Is.EqualTo(6), "usage adds up the choices");
    }

    [Test]
    public async Task Post_StreamNChoices_EveryChoiceFinishesOnce()
    {
        // Act
        var response = await _client.PostAsync("/v1/chat/completions", Json("""{"model":"default","prompt":"x y z","n":2,"stream":true}"""));
        var chunks = ServerSentEvents.Chunks(await response.Content.ReadAsStringAsync());

        // Assert
        var finishes = chunks.Select(c => c.GetProperty("choices")[0])
            .Where(c => c.GetProperty("finish_reason").ValueKind != JsonValueKind.Null)
            .Select(c => c.GetProperty("index").GetInt32());
        Assert.That(finishes, Is.EquivalentTo(new[] { 0, 1 }));
        foreach (var index in new[] { 0, 1 })
        {
            var text = string.Concat(chunks.Select(c => c.GetProperty("choices")[0])
                .Where(c => c.GetProperty("index").GetInt32() == index)
                .Select(c => c.GetProperty("delta").GetProperty("content").GetString()));
            Assert.That(text, Is.EqualTo("x y z"));
        }
    }

    [Test]
    public async Task Post_MaxTokensAndStop_AreHonouredEndToEnd()
    {
        // Act
        var response = await _client.PostAsync("/v1/chat/completions", Json("""{"model":"default","prompt":"one two three four","max_tokens":2}"""));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        var choice = json.RootElement.GetProperty("choices")[0];
        Assert.That(choice.GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("one two"));
        Assert.That(choice.GetProperty("finish_reason").GetString(), Is.EqualTo("length"));
    }

    [Test]
    public async Task Post_ContentTypeWithCharset_IsAccepted()
    {
        // Arrange
        var content = new StringContent("""{"model":"default","prompt":"hi"}""");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

        // Act
        var response = await _client.PostAsync("/v1/chat/completions", content);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [GeneratedRegex("chatcmpl-[A-Za-z0-9]{29}")]
    private static partial Regex CompletionId();
}

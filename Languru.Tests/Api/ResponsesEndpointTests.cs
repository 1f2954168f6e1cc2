using System.Net;
using System.Text;
using System.Text.Json;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Api;

/// <summary>The Responses API through the echo provider (no keys): whole, streamed, stored, validated.</summary>
public class ResponsesEndpointTests
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

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<(HttpStatusCode Status, JsonElement Body, string Text)> PostAsync(string json, string path = "/v1/responses")
    {
        var response = await _client.PostAsync(path, Json(json));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        var response = await _client.GetAsync(path);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Test]
    public async Task Post_StringInput_ReturnsACompletedResponseThatMatchesOpenAIsSchema()
    {
        // Act
        var (status, body, text) = await PostAsync("""{"model":"default","input":"Tell me a joke","instructions":"Be brief.","metadata":{"k":"v"}}""");

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        OpenAISchemas.AssertValid("Response", text);
        Assert.That(body.GetProperty("object").GetString(), Is.EqualTo("response"));
        Assert.That(body.GetProperty("id").GetString(), Does.Match("^resp_[0-9a-f]{48}$"));
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(body.GetProperty("created_at").GetInt64(), Is.EqualTo(1_700_000_000));
        Assert.That(body.GetProperty("completed_at").GetInt64(), Is.EqualTo(1_700_000_000));
        Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("default"));
        Assert.That(body.GetProperty("instructions").GetString(), Is.EqualTo("Be brief."));
        Assert.That(body.GetProperty("metadata").GetRawText(), Is.EqualTo("""{"k":"v"}"""));
        var message = body.GetProperty("output").EnumerateArray().Single();
        Assert.That(message.GetProperty("type").GetString(), Is.EqualTo("message"));
        Assert.That(message.GetProperty("id").GetString(), Does.Match("^msg_[0-9a-f]{48}$"));
        Assert.That(message.GetProperty("content").GetRawText(), Is.EqualTo("""[{"type":"output_text","text":"Tell me a joke","annotations":[],"logprobs":[]}]"""));
        Assert.That(body.GetProperty("usage").GetRawText(), Is.EqualTo(
            """{"input_tokens":6,"input_tokens_details":{"cached_tokens":0,"cache_write_tokens":0},"output_tokens":4,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":10}"""),
            "the instructions count as input");
    }

    [Test]
    public async Task Post_UnversionedPath_ServesTheSameEndpoint()
    {
        // Act
        var (status, body, _) = await PostAsync("""{"model":"default","input":"hi"}""", "/responses");

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("hi"));
    }

    [Test]
    public async Task Post_MaxOutputTokensReached_IsIncompleteWithTheReason()
    {
        // Act
        var (status, body, text) = await PostAsync(
            """{"model":"default","input":"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen","max_output_tokens":16}""");

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        OpenAISchemas.AssertValid("Response", text);
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("incomplete"));
        Assert.That(body.GetProperty("incomplete_details").GetRawText(), Is.EqualTo("""{"reason":"max_output_tokens"}"""));
        Assert.That(body.GetProperty("completed_at").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(body.GetProperty("output")[0].GetProperty("status").GetString(), Is.EqualTo("incomplete"));
    }

    [Test]
    public async Task Post_Stream_SendsOpenAIsEventsInOrderEndingWithCompleted()
    {
        // Act
        var response = await _client.PostAsync("/v1/responses", Json("""{"model":"default","input":"Hello there","stream":true}"""));
        var events = ResponseEvents.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(ResponseEvents.Types(events), Is.EqualTo(new[]
        {
            "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
            "response.output_text.delta", "response.output_text.delta", "response.output_text.done", "response.content_part.done",
            "response.output_item.done", "response.completed",
        }));
        Assert.That(events.Where(e => e.GetProperty("type").GetString() == "response.output_text.delta").Select(e => e.GetProperty("delta").GetString()),
            Is.EqualTo(new[] { "Hello", " there" }));
        var final = ResponseEvents.Final(events);
        Assert.That(final.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(final.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("Hello there"));
        Assert.That(final.GetProperty("usage").GetProperty("total_tokens").GetInt32(), Is.EqualTo(4));
        Assert.That(events[2].GetProperty("item").GetProperty("id").GetString(), Is.EqualTo(final.GetProperty("output")[0].GetProperty("id").GetString()));
    }

    [Test]
    public async Task Post_StreamCutByMaxOutputTokens_EndsWithIncomplete()
    {
        // Act
        var response = await _client.PostAsync("/v1/responses", Json(
            """{"model":"default","input":"a b c d e f g h i j k l m n o p q r s t","max_output_tokens":16,"stream":true}"""));
        var events = ResponseEvents.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.That(events[^1].GetProperty("type").GetString(), Is.EqualTo("response.incomplete"));
        Assert.That(ResponseEvents.Final(events).GetProperty("incomplete_details").GetProperty("reason").GetString(), Is.EqualTo("max_output_tokens"));
    }

    [Test]
    public async Task PreviousResponseId_ContinuesTheStoredConversation()
    {
        // Arrange
        var (_, first, _) = await PostAsync("""{"model":"default","input":"My name is Ada"}""");

        // Act
        var (status, second, _) = await PostAsync($$"""{"model":"default","input":"What is my name","previous_response_id":"{{first.GetProperty("id").GetString()}}"}""");
        var items = await GetAsync($"/v1/responses/{second.GetProperty("id").GetString()}/input_items?order=asc");

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.GetProperty("previous_response_id").GetString(), Is.EqualTo(first.GetProperty("id").GetString()));
        Assert.That(second.GetProperty("usage").GetProperty("input_tokens").GetInt32(), Is.EqualTo(4 + 4 + 4), "both turns and the first answer were sent");
        Assert.That(items.Status, Is.EqualTo(HttpStatusCode.OK));
        OpenAISchemas.AssertValid("ResponseItemList", items.Body.GetRawText());
        var texts = items.Body.GetProperty("data").EnumerateArray().Select(i => (i.GetProperty("role").GetString(), i.GetProperty("content")[0].GetProperty("text").GetString()));
        Assert.That(texts, Is.EqualTo(new[] { ("user", "My name is Ada"), ("assistant", "My name is Ada"), ("user", "What is my name") }));
    }

    [TestCase("resp_unknown")]
    public async Task PreviousResponseId_Unknown_Is404NamingIt(string id)
    {
        // Act
        var (status, body, _) = await PostAsync($$"""{"model":"default","input":"x","previous_response_id":"{{id}}"}""");

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(body.GetProperty("error").GetProperty("param").GetString(), Is.EqualTo("previous_response_id"));
        Assert.That(body.GetProperty("error").GetProperty("message").GetString(), Does.Contain(id));
    }

    [Test]
    public async Task GetAndDelete_StoredResponse_AreServedUntilDeleted()
    {
        // Arrange
        var (_, created, createdText) = await PostAsync("""{"model":"default","input":"keep me"}""");
        var id = created.GetProperty("id").GetString();

        // Act
        var fetched = await _client.GetStringAsync($"/v1/responses/{id}");
        var deleted = await _client.DeleteAsync($"/v1/responses/{id}");
        var deletedBody = await deleted.Content.ReadAsStringAsync();
        var afterDelete = await GetAsync($"/v1/responses/{id}");
        var deletedAgain = await _client.DeleteAsync($"/v1/responses/{id}");
        var continued = await PostAsync($$"""{"model":"default","input":"x","previous_response_id":"{{id}}"}""");

        // Assert
        Assert.That(fetched, Is.EqualTo(createdText));
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(deletedBody, Is.EqualTo($$"""{"id":"{{id}}","object":"response.deleted","deleted":true}"""));
        Assert.That(afterDelete.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(afterDelete.Body.GetProperty("error").GetProperty("message").GetString(), Is.EqualTo($"Response with id '{id}' not found."));
        Assert.That(deletedAgain.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(continued.Status, Is.EqualTo(HttpStatusCode.NotFound), "a deleted response cannot be continued");
    }

    [Test]
    public async Task StoreFalse_IsNotKept()
    {
        // Arrange
        var (_, created, _) = await PostAsync("""{"model":"default","input":"forget me","store":false}""");

        // Act
        var fetched = await GetAsync($"/v1/responses/{created.GetProperty("id").GetString()}");

        // Assert
        Assert.That(created.GetProperty("store").GetBoolean(), Is.False);
        Assert.That(fetched.Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task StreamedResponse_IsStoredBeforeItsTerminalEvent()
    {
        // Arrange
        var response = await _client.PostAsync("/v1/responses", Json("""{"model":"default","input":"streamed and kept","stream":true}"""));
        var final = ResponseEvents.Final(ResponseEvents.Parse(await response.Content.ReadAsStringAsync()));

        // Act
        var fetched = await GetAsync($"/v1/responses/{final.GetProperty("id").GetString()}");

        // Assert
        Assert.That(fetched.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(fetched.Body.GetRawText(), Is.EqualTo(final.GetRawText()));
    }

    [Test]
    public async Task InputItems_PagesWithLimitAfterAndOrder()
    {
        // Arrange
        var (_, created, _) = await PostAsync(
            """{"model":"default","input":[{"role":"user","content":"one"},{"type":"message","role":"assistant","content":"two"},{"role":"user","content":[{"type":"input_text","text":"three"}]}]}""");
        var id = created.GetProperty("id").GetString();

        // Act
        var firstPage = await GetAsync($"/v1/responses/{id}/input_items?limit=2");
        var lastId = firstPage.Body.GetProperty("last_id").GetString();
        var secondPage = await GetAsync($"/v1/responses/{id}/input_items?limit=2&after={lastId}");
        var badLimit = await GetAsync($"/v1/responses/{id}/input_items?limit=0");

        // Assert
        static IEnumerable<string?> Texts(JsonElement page) => page.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.That(Texts(firstPage.Body), Is.EqualTo(new[] { "three", "two" }), "newest first by default");
        Assert.That(firstPage.Body.GetProperty("has_more").GetBoolean(), Is.True);
        Assert.That(Texts(secondPage.Body), Is.EqualTo(new[] { "one" }));
        Assert.That(secondPage.Body.GetProperty("has_more").GetBoolean(), Is.False);
        OpenAISchemas.AssertValid("ResponseItemList", firstPage.Body.GetRawText());
        Assert.That(badLimit.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(badLimit.Body.GetProperty("error").GetProperty("param").GetString(), Is.EqualTo("limit"));
    }

    [TestCase("""{"input":"x"}""", "model")]
    [TestCase("""{"model":"default"}""", "input")]
    [TestCase("""{"model":"default","input":[]}""", "input")]
    [TestCase("""{"model":"default","input":"x","temperature":3}""", "temperature")]
    [TestCase("""{"model":"default","input":"x","max_output_tokens":15}""", "max_output_tokens")]
    [TestCase("""{"model":"default","input":"x","background":true}""", "background")]
    [TestCase("""{"model":"default","input":"x","conversation":"conv_1"}""", "conversation")]
    [TestCase("""{"model":"default","input":"x","prompt":{"id":"pmpt_1"}}""", "prompt")]
    [TestCase("""{"model":"default","input":"x","include":["reasoning.encrypted_content"]}""", "include")]
    [TestCase("""{"model":"default","input":"x","truncation":"auto"}""", "truncation")]
    [TestCase("""{"model":"default","input":"x","tools":[{"type":"web_search"}]}""", "tools[0].type")]
    [TestCase("""{"model":"default","input":"x","tools":[{"type":"function","name":"bad name"}]}""", "tools[0].name")]
    [TestCase("""{"model":"default","input":"x","tool_choice":"required"}""", "tool_choice")]
    [TestCase("""{"model":"default","input":"x","tool_choice":{"type":"function","name":"f"}}""", "tool_choice.name")]
    [TestCase("""{"model":"default","input":"x","tool_choice":{"type":"file_search"}}""", "tool_choice.type")]
    [TestCase("""{"model":"default","input":"x","text":{"format":{"type":"json_schema","name":"s"}}}""", "text.format.schema")]
    [TestCase("""{"model":"default","input":"x","text":{"format":{"type":"yaml"}}}""", "text.format.type")]
    [TestCase("""{"model":"default","input":"x","reasoning":{"effort":"huge"}}""", "reasoning.effort")]
    [TestCase("""{"model":"default","input":[{"role":"robot","content":"x"}]}""", "input[0].role")]
    [TestCase("""{"model":"default","input":[{"role":"user","content":[{"type":"output_text","text":"x"}]}]}""", "input[0].content[0].type")]
    [TestCase("""{"model":"default","input":[{"role":"user","content":[{"type":"input_image","image_url":"ftp://x"}]}]}""", "input[0].content[0].image_url")]
    [TestCase("""{"model":"default","input":[{"type":"function_call","call_id":"c","name":"f"}]}""", "input[0].arguments")]
    [TestCase("""{"model":"default","input":[{"type":"function_call_output","output":"x"}]}""", "input[0].call_id")]
    [TestCase("""{"model":"default","input":[{"type":"item_reference","id":"msg_1"}]}""", "input[0].type")]
    [TestCase("""{"model":"default","input":[{"type":"web_search_call"}]}""", "input[0].type")]
    public async Task Post_InvalidOrUnsupported_Is400NamingTheField(string json, string param)
    {
        // Act
        var (status, body, text) = await PostAsync(json);

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(body.GetProperty("error").GetProperty("param").GetString(), Is.EqualTo(param));
        Assert.That(body.GetProperty("error").GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
        Assert.That(body.GetProperty("error").GetProperty("message").GetString(), Does.Contain(param.Split('[')[0].Split('.')[0]));
    }

    [Test]
    public async Task Post_UnknownModel_Is404()
    {
        // Act
        var (status, body, _) = await PostAsync("""{"model":"no-such-model","input":"x"}""");

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(body.GetProperty("error").GetProperty("param").GetString(), Is.EqualTo("model"));
    }
}

using System.Net;
using System.Text;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Api;

/// <summary>Bodies that once got a 500 or were silently read one way: null elements and duplicate keys.</summary>
public class MalformedBodyTests
{
    private const string User = """{"role":"user","content":"x"}""";

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

    [TestCase("\"messages\":[null]", "messages[0]", "an object")]
    [TestCase("\"messages\":[" + User + ",null]", "messages[1]", "an object")]
    [TestCase("\"messages\":[{\"role\":\"user\",\"content\":[null]}]", "messages[0].content[0]", "an object")]
    [TestCase("\"messages\":[" + User + "],\"tools\":[null]", "tools[0]", "an object")]
    [TestCase("\"messages\":[{\"role\":\"assistant\",\"content\":\"x\",\"tool_calls\":[null]}]", "messages[0].tool_calls[0]", "an object")]
    [TestCase("\"messages\":[" + User + "],\"modalities\":[null]", "modalities[0]", "a string")]
    public async Task NullArrayElement_Is400NamingTheElement(string fields, string param, string expected)
    {
        foreach (var stream in new[] { "false", "true" })
        {
            // Act
            var response = await _client.PostAsync("/v1/chat/completions", Json($$"""{"model":"echo","stream":{{stream}},{{fields}}}"""));

            // Assert
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), $"stream: {stream}");
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
                $$$"""{"error":{"message":"Invalid type for '{{{param}}}': expected {{{expected}}}, but got null instead.","type":"invalid_request_error","param":"{{{param}}}","code":"invalid_type"}}"""));
        }
    }

    [TestCase("""{"model":"nope","model":"echo","messages":[{"role":"user","content":"x"}]}""", "model", "model")]
    [TestCase("""{"model":"echo","messages":[{"role":"user","role":"system","content":"x"}]}""", "role", "messages[0].role")]
    [TestCase("""{"model":"echo","messages":[{"role":"user","content":"x"}],"x_extra":1,"x_extra":2}""", "x_extra", "x_extra")]
    [TestCase("""{"model":"echo","messages":[{"role":"user","content":"x"}],"logit_bias":{"50256":1,"50256":-1}}""", "50256", "logit_bias.50256")]
    [TestCase("""{"model":"echo","messages":[{"role":"user","content":"x"}],"prediction":{"type":"content","type":"x"}}""", "type", "prediction.type")]
    [TestCase("""{"model":"echo","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{},"properties":{}}}}]}""", "properties", "tools[0].function.parameters.properties")]
    public async Task DuplicateKey_Is400InvalidJsonNamingTheKey(string body, string key, string param)
    {
        // Act
        var response = await _client.PostAsync("/v1/chat/completions", Json(body));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            $$$"""{"error":{"message":"The request body is not valid JSON: the key '{{{key}}}' appears more than once (at '{{{param}}}'). Send each key once.","type":"invalid_request_error","param":"{{{param}}}","code":"invalid_json"}}"""));
    }

    // Unknown keys are each request type's extension data, which the reader names by the C# property, not the key.
    [TestCase("/v1/embeddings")]
    [TestCase("/v1/responses")]
    public async Task DuplicateUnknownKey_OnTheOtherEndpoints_Is400NamingTheKey(string path)
    {
        // Act
        var response = await _client.PostAsync(path, Json("""{"model":"echo","input":"x","x_extra":1,"x_extra":2}"""));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"error":{"message":"The request body is not valid JSON: the key 'x_extra' appears more than once (at 'x_extra'). Send each key once.","type":"invalid_request_error","param":"x_extra","code":"invalid_json"}}"""));
    }

    [Test]
    public async Task DuplicateKey_InsideAContentPart_Is400InvalidJsonNamingTheKey()
    {
        // Act: content parts are read by a union converter, whose reader does not know the path.
        var response = await _client.PostAsync("/v1/chat/completions",
            Json("""{"model":"echo","messages":[{"role":"user","content":[{"type":"text","text":"a","text":"b"}]}]}"""));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"error":{"message":"The request body is not valid JSON: the key 'text' appears more than once. Send each key once.","type":"invalid_request_error","param":null,"code":"invalid_json"}}"""));
    }

    [Test]
    public async Task DuplicateUnknownKey_InsideAMessage_IsIgnoredLikeAnyUnknownKeyThere()
    {
        // Act: an unknown key inside a message is neither read nor forwarded (ChatWireRequestTests), so its
        // duplicate cannot be read two ways; only the top level's unknown keys are forwarded, and refused when doubled.
        var response = await _client.PostAsync("/v1/chat/completions",
            Json("""{"model":"echo","messages":[{"role":"user","content":"x","x_extra":1,"x_extra":2}]}"""));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task SameKeyInDifferentObjects_IsNoDuplicate()
    {
        // Act
        var response = await _client.PostAsync("/v1/chat/completions",
            Json("""{"model":"echo","messages":[{"role":"system","content":"a"},{"role":"user","content":"b"}],"metadata":{"role":"x"}}"""));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

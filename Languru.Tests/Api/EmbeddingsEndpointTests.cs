using System.Net;
using System.Text;
using System.Text.Json;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Moq;

namespace Languru.Tests.Api;

public class EmbeddingsEndpointTests
{
    private LanguruFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartGateway()
    {
        _factory = new LanguruFactory().WithProvider("chat-only", Mock.Of<IChatClient>(), "chat-model");
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopGateway()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string json, string path = "/v1/embeddings")
    {
        using var response = await _client.PostAsync(path, Json(json));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>The vectors of an answer, decoding base64 as OpenAI's clients do (little-endian float32).</summary>
    internal static float[][] Vectors(JsonElement answer) => [.. answer.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("embedding") is var e && e.ValueKind == JsonValueKind.String
        ? EmbeddingFixtures.DecodeBase64(e.GetString()!)
        : e.EnumerateArray().Select(x => x.GetSingle()).ToArray())];

    /// <summary>Asserts OpenAI's answer shape exactly: the keys, their order, <c>object</c> values and the indexes.</summary>
    internal static void AssertShape(JsonElement answer, string model, int count, bool base64)
    {
        Assert.That(answer.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "object", "data", "model", "usage" }));
        Assert.That(answer.GetProperty("object").GetString(), Is.EqualTo("list"));
        Assert.That(answer.GetProperty("model").GetString(), Is.EqualTo(model));
        Assert.That(answer.GetProperty("usage").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "prompt_tokens", "total_tokens" }));
        var data = answer.GetProperty("data").EnumerateArray().ToList();
        Assert.That(data, Has.Count.EqualTo(count));
        for (var i = 0; i < data.Count; i++)
        {
            Assert.That(data[i].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "object", "embedding", "index" }));
            Assert.That(data[i].GetProperty("object").GetString(), Is.EqualTo("embedding"));
            Assert.That(data[i].GetProperty("index").GetInt32(), Is.EqualTo(i));
            Assert.That(data[i].GetProperty("embedding").ValueKind, Is.EqualTo(base64 ? JsonValueKind.String : JsonValueKind.Array));
        }
    }

    [TestCase("\"The quick brown fox\"", 1, 4)]
    [TestCase("[\"The quick brown fox\",\"jumped over\",\"the lazy dog\"]", 3, 9)]
    [TestCase("[1212,318,257,1332,13]", 1, 5)]
    [TestCase("[[1212,318],[257,1332,13]]", 2, 5)]
    public async Task Post_EachInputForm_AnswersInBothEncodingsWithTheSameVectors(string input, int count, int tokens)
    {
        // Act
        var (floatStatus, floats) = await PostAsync($$"""{"model":"default","input":{{input}}}""");
        var (base64Status, base64) = await PostAsync($$"""{"model":"default","input":{{input}},"encoding_format":"base64"}""");
        var (_, explicitFloats) = await PostAsync($$"""{"model":"default","input":{{input}},"encoding_format":"float"}""");

        // Assert
        Assert.That((floatStatus, base64Status), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        AssertShape(floats, "default", count, base64: false);
        AssertShape(base64, "default", count, base64: true);
        Assert.That(Vectors(base64), Is.EqualTo(Vectors(floats)), "base64 decodes to exactly the float form");
        Assert.That(Vectors(explicitFloats), Is.EqualTo(Vectors(floats)));
        Assert.That(Vectors(floats).Select(v => v.Length), Is.All.EqualTo(256));
        Assert.That(Vectors(floats).Select(v => v.Sum(x => (double)x * x)), Is.All.EqualTo(1).Within(1e-5));
        Assert.That(floats.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), Is.EqualTo(tokens));
        Assert.That(floats.GetProperty("usage").GetProperty("total_tokens").GetInt32(), Is.EqualTo(tokens));
    }

    [Test]
    public async Task Post_SameTextTwice_GivesTheSameVector_AndDimensionsAreHonoured()
    {
        // Act
        var (status, answer) = await PostAsync("""{"model":"echo","input":["hello world","hello world"],"dimensions":16}""");

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var vectors = Vectors(answer);
        Assert.That(vectors[0], Has.Length.EqualTo(16));
        Assert.That(vectors[1], Is.EqualTo(vectors[0]));
    }

    [Test]
    public async Task Post_UnversionedPathAndUnknownFields_Work()
    {
        // Act
        var (status, answer) = await PostAsync("""{"model":"default","input":"x","some_future_field":{"a":1}}""", "/embeddings");

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        AssertShape(answer, "default", 1, base64: false);
    }

    private static readonly string TooMany = "[" + string.Join(",", Enumerable.Repeat("\"a\"", 2049)) + "]";
    private static readonly string TooManyIds = "[" + string.Join(",", Enumerable.Repeat("1", 2049)) + "]";

    private static IEnumerable<TestCaseData> InvalidRequests()
    {
        yield return new TestCaseData("""{"model":"default"}""", "input", "missing_required_parameter").SetName("missing input");
        yield return new TestCaseData("""{"input":"x"}""", "model", "missing_required_parameter").SetName("missing model");
        yield return new TestCaseData("""{"model":"default","input":""}""", "input", "invalid_value").SetName("empty string");
        yield return new TestCaseData("""{"model":"default","input":[]}""", "input", "empty_array").SetName("empty array");
        yield return new TestCaseData("""{"model":"default","input":["a",""]}""", "input[1]", "invalid_value").SetName("empty string in an array");
        yield return new TestCaseData("""{"model":"default","input":[[1],[]]}""", "input[1]", "empty_array").SetName("empty token array");
        yield return new TestCaseData("""{"model":"default","input":[5,-1]}""", "input[1]", "invalid_value").SetName("negative token id");
        yield return new TestCaseData($$"""{"model":"default","input":{{TooMany}}}""", "input", "array_above_max_length").SetName("2049 strings");
        yield return new TestCaseData($$"""{"model":"default","input":{{TooManyIds}}}""", "input", "array_above_max_length").SetName("2049 token ids");
        yield return new TestCaseData("""{"model":"default","input":42}""", "input", "invalid_type").SetName("a number");
        yield return new TestCaseData("""{"model":"default","input":{"text":"x"}}""", "input", "invalid_type").SetName("an object");
        yield return new TestCaseData("""{"model":"default","input":null}""", "input", "missing_required_parameter").SetName("null");
        yield return new TestCaseData("""{"model":"default","input":["a",1]}""", "input", "invalid_type").SetName("mixed array");
        yield return new TestCaseData("""{"model":"default","input":["a",null]}""", "input", "invalid_type").SetName("null in an array");
        yield return new TestCaseData("""{"model":"default","input":[1.5]}""", "input", "invalid_type").SetName("a fractional token id");
        yield return new TestCaseData("""{"model":"default","input":[[1],"a"]}""", "input", "invalid_type").SetName("mixed token arrays");
        yield return new TestCaseData("""{"model":"default","input":"x","encoding_format":"hex"}""", "encoding_format", "invalid_value").SetName("unknown encoding");
        yield return new TestCaseData("""{"model":"default","input":"x","encoding_format":1}""", "encoding_format", "invalid_type").SetName("encoding as a number");
        yield return new TestCaseData("""{"model":"default","input":"x","dimensions":0}""", "dimensions", "integer_below_min_value").SetName("zero dimensions");
        yield return new TestCaseData("""{"model":"default","input":"x","dimensions":"8"}""", "dimensions", "invalid_type").SetName("dimensions as a string");
        yield return new TestCaseData("""{"model":"default","input":"x","dimensions":5000}""", "dimensions", "invalid_value").SetName("more dimensions than echo makes");
        yield return new TestCaseData("""{"model":"chat-model","input":"x"}""", "model", "model_not_supported").SetName("a provider without embeddings");
    }

    [TestCaseSource(nameof(InvalidRequests))]
    public async Task Post_InvalidRequest_Is400NamingTheField(string body, string param, string code)
    {
        // Act
        var (status, answer) = await PostAsync(body);

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), answer.GetRawText());
        var error = answer.GetProperty("error");
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
        Assert.That((error.GetProperty("param").GetString(), error.GetProperty("code").GetString()), Is.EqualTo((param, code)), answer.GetRawText());
    }

    [Test]
    public async Task Post_WrongType_SaysWhatIsExpected()
    {
        // Act
        var (_, answer) = await PostAsync("""{"model":"default","input":{"text":"x"}}""");
        var (_, dimensions) = await PostAsync("""{"model":"default","input":"x","dimensions":"8"}""");

        // Assert
        Assert.That(answer.GetProperty("error").GetProperty("message").GetString(), Is.EqualTo(
            "Invalid type for 'input': expected a string, an array of strings, an array of integers, or an array of arrays of integers."));
        Assert.That(dimensions.GetProperty("error").GetProperty("message").GetString(), Is.EqualTo("Invalid type for 'dimensions': expected an integer."));
    }

    [Test]
    public async Task Post_UnknownModel_Is404()
    {
        // Act
        var (status, answer) = await PostAsync("""{"model":"no-such-model","input":"x"}""");

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(answer.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("model_not_found"));
    }

    [Test]
    public async Task Post_EmptyBody_Is400WithAnEmbeddingExample()
    {
        // Act
        var (status, answer) = await PostAsync("");

        // Assert
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.GetProperty("error").GetProperty("message").GetString(), Does.Contain("""{"model":"default","input":"Hello"}"""));
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Api;

public class OpenApiDocumentTests
{
    private LanguruFactory _factory = null!;
    private HttpClient _client = null!;
    private JsonElement _document;

    [OneTimeSetUp]
    public async Task LoadDocument()
    {
        _factory = new LanguruFactory();
        _client = _factory.CreateClient();
        _document = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
    }

    [OneTimeTearDown]
    public async Task StopGateway()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    private JsonElement Schema(string name) => _document.GetProperty("components").GetProperty("schemas").GetProperty(name);

    private JsonElement CreateChatCompletion => _document.GetProperty("paths").GetProperty("/v1/chat/completions").GetProperty("post");

    [Test]
    public void Document_DeclaresTheBearerSchemeForEveryOperation()
    {
        // Act
        var scheme = _document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");

        // Assert
        Assert.That((scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()), Is.EqualTo(("http", "bearer")));
        Assert.That(Compact(_document.GetProperty("security")), Is.EqualTo("[{\"bearer\":[]}]"));
    }

    [Test]
    public void Document_IsOpenApi30WithTheOperationIds()
    {
        // Arrange
        var paths = _document.GetProperty("paths");

        // Assert
        Assert.That(_document.GetProperty("openapi").GetString(), Does.StartWith("3.0."));
        Assert.That(paths.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[]
        {
            "/v1/chat/completions", "/v1/embeddings", "/v1/models", "/v1/models/{id}", "/v1/responses", "/v1/responses/{responseId}", "/v1/responses/{responseId}/input_items",
        }));
        Assert.That(paths.GetProperty("/v1/embeddings").GetProperty("post").GetProperty("operationId").GetString(), Is.EqualTo("CreateEmbedding"));
        Assert.That(CreateChatCompletion.GetProperty("operationId").GetString(), Is.EqualTo("CreateChatCompletion"));
        Assert.That(paths.GetProperty("/v1/models").GetProperty("get").GetProperty("operationId").GetString(), Is.EqualTo("ListModels"));
        Assert.That(paths.GetProperty("/v1/models/{id}").GetProperty("get").GetProperty("operationId").GetString(), Is.EqualTo("RetrieveModel"));
        Assert.That(paths.GetProperty("/v1/responses").GetProperty("post").GetProperty("operationId").GetString(), Is.EqualTo("CreateResponse"));
        Assert.That(paths.GetProperty("/v1/responses/{responseId}").GetProperty("get").GetProperty("operationId").GetString(), Is.EqualTo("GetResponse"));
        Assert.That(paths.GetProperty("/v1/responses/{responseId}").GetProperty("delete").GetProperty("operationId").GetString(), Is.EqualTo("DeleteResponse"));
        Assert.That(paths.GetProperty("/v1/responses/{responseId}/input_items").GetProperty("get").GetProperty("operationId").GetString(), Is.EqualTo("ListInputItems"));
    }

    [Test]
    public async Task CreateResponseExample_WorksAsIs()
    {
        // Arrange
        var create = _document.GetProperty("paths").GetProperty("/v1/responses").GetProperty("post");
        var example = create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText();

        // Act
        var response = await _client.PostAsync("/v1/responses", new StringContent(example, Encoding.UTF8, "application/json"));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"text\":\"Hello! Tell me a joke.\""));
        Assert.That(create.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("text/event-stream").GetProperty("schema").GetProperty("$ref").GetString(),
            Is.EqualTo("#/components/schemas/ResponseStreamEvent"));
    }

    [Test]
    public async Task RequestExample_WorksAsIs()
    {
        // Arrange
        var example = CreateChatCompletion.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText();

        // Act
        var response = await _client.PostAsync("/v1/chat/completions", new StringContent(example, Encoding.UTF8, "application/json"));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"content\":\"Hello! Tell me a joke.\""));
    }

    [Test]
    public async Task EmbeddingRequestExample_WorksAsIs()
    {
        // Arrange
        var example = _document.GetProperty("paths").GetProperty("/v1/embeddings").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText();

        // Act
        var response = await _client.PostAsync("/v1/embeddings", new StringContent(example, Encoding.UTF8, "application/json"));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.StartWith("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"embedding\":["));
    }

    [Test]
    public void EmbeddingVector_IsAnInlineArrayOfFloats_AsInOpenAIsDocument()
    {
        // Arrange
        var embedding = Schema("EmbeddingData").GetProperty("properties").GetProperty("embedding");

        // Assert
        Assert.That(embedding.GetProperty("type").GetString(), Is.EqualTo("array"));
        Assert.That(Compact(embedding.GetProperty("items")), Is.EqualTo("""{"type":"number","format":"float"}"""));
        Assert.That(embedding.GetProperty("description").GetString(), Does.Contain("base64"));
        Assert.That(_document.GetProperty("components").GetProperty("schemas").TryGetProperty("EmbeddingVector", out _), Is.False);
    }

    [Test]
    public void Responses_DocumentTheStreamAndEveryErrorWithTheEnvelope()
    {
        // Arrange
        var responses = CreateChatCompletion.GetProperty("responses");

        // Assert
        Assert.That(responses.GetProperty("200").GetProperty("content").GetProperty("text/event-stream").GetProperty("schema").GetProperty("$ref").GetString(),
            Is.EqualTo("#/components/schemas/ChatCompletionChunk"));
        foreach (var status in new[] { "400", "404", "413", "415", "429", "500", "502", "503", "504" })
        {
            Assert.That(responses.GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(),
                Is.EqualTo("#/components/schemas/ErrorResponse"), status);
        }
    }

    [TestCase("ChatCompletionRequestMessage", "content")]
    [TestCase("ChatCompletionRequest", "stop")]
    [TestCase("ChatCompletionRequest", "tool_choice")]
    [TestCase("EmbeddingRequest", "input")]
    [TestCase("JsonSchemaFormat", "schema")]
    [TestCase("FunctionDefinition", "parameters")]
    public void UnionAndRawJsonFields_AreAnyJsonSoGeneratedClientsCanSendEveryForm(string schema, string property)
    {
        // Arrange
        var field = Schema(schema).GetProperty("properties").GetProperty(property);

        // Assert: no type, no oneOf (NSwag would keep only the first branch), and the forms described.
        Assert.That(field.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "description" }));
        Assert.That(field.GetProperty("description").GetString(), Is.Not.Empty);
    }

    [Test]
    public void PartTypes_AreComponentsWithTheirNestedTypesAsReferences()
    {
        // Assert
        Assert.That(Compact(Schema("ContentPart").GetProperty("properties").GetProperty("image_url")), Is.EqualTo("""{"$ref":"#/components/schemas/ImageUrl"}"""));
        Assert.That(Compact(Schema("NamedToolChoice").GetProperty("properties").GetProperty("function")), Is.EqualTo("""{"$ref":"#/components/schemas/FunctionName"}"""));
        Assert.That(Compact(Schema("ChatCompletionChunk").GetProperty("properties").GetProperty("choices").GetProperty("items")),
            Is.EqualTo("""{"$ref":"#/components/schemas/ChatCompletionChunkChoice"}"""));
        Assert.That(Compact(Schema("ChatCompletionDelta").GetProperty("properties").GetProperty("tool_calls").GetProperty("items")),
            Is.EqualTo("""{"$ref":"#/components/schemas/ToolCallDelta"}"""));
    }

    [Test]
    public void Numbers_AreNumbersNotNumberOrString()
    {
        // Arrange
        var request = Schema("ChatCompletionRequest").GetProperty("properties");

        // Assert
        Assert.That(request.GetProperty("temperature").GetProperty("type").GetString(), Is.EqualTo("number"));
        Assert.That(request.GetProperty("n").GetProperty("type").GetString(), Is.EqualTo("integer"));
        Assert.That(Schema("ChatCompletionChoice").GetProperty("properties").GetProperty("index").GetRawText(), Does.Not.Contain("pattern"));
    }

    [Test]
    public void Descriptions_ComeFromTheXmlDocs()
    {
        // Assert
        Assert.That(Schema("ChatCompletionRequest").GetProperty("properties").GetProperty("temperature").GetProperty("description").GetString(),
            Is.EqualTo("Sampling temperature, 0 to 2."));
        Assert.That(CreateChatCompletion.GetProperty("summary").GetString(), Is.EqualTo("Creates a chat completion."));
    }

    [Test]
    public async Task Docs_ServesSwaggerUiPointingAtTheDocument()
    {
        // Act
        var page = await _client.GetAsync("/docs");
        var html = await page.Content.ReadAsStringAsync();
        var script = await _client.GetStringAsync("/docs/index.js");

        // Assert
        Assert.That(page.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/docs/index.html"), "/docs redirects to the UI");
        Assert.That(html, Does.Contain("<div id=\"swagger-ui\"></div>").And.Contain("<title>Languru API</title>"));
        Assert.That(script, Does.Contain("/openapi/v1.json"));
    }

    [Test]
    public async Task Root_RedirectsToTheDocs()
    {
        // Arrange
        using var client = _factory.CreateClient(new() { AllowAutoRedirect = false });

        // Act
        using var response = await client.GetAsync("/");
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/docs"));
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.Found));
    }
}

using System.Text.Json;
using Languru.Api.Hosting;
using Languru.Contracts.Embeddings;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Contracts;

public class EmbeddingWireFormatTests
{
    private static T Read<T>(string json) => JsonSerializer.Deserialize(json, WireJson.TypeInfo<T>())!;

    private static string Write<T>(T value) => JsonSerializer.Serialize(value, WireJson.TypeInfo<T>());

    [TestCase("""{"input":"one text","model":"m"}""", EmbeddingInputForm.Text, 1)]
    [TestCase("""{"input":["a","b","c"],"model":"m"}""", EmbeddingInputForm.Texts, 3)]
    [TestCase("""{"input":[1212,318,257],"model":"m"}""", EmbeddingInputForm.TokenIds, 1)]
    [TestCase("""{"input":[[1212,318],[257],[0]],"model":"m"}""", EmbeddingInputForm.TokenIdArrays, 3)]
    public void Input_EachForm_IsReadAndWrittenBackTheSameWay(string json, EmbeddingInputForm form, int count)
    {
        // Act
        var request = Read<EmbeddingRequest>(json);

        // Assert
        Assert.That((request.Input!.Form, request.Input.Count), Is.EqualTo((form, count)));
        Assert.That(Write(request), Is.EqualTo(json));
    }

    [Test]
    public void Input_TokenIds_AreKeptAsIds()
    {
        // Act
        var input = Read<EmbeddingRequest>("""{"input":[[1212,318],[257]]}""").Input!;

        // Assert
        Assert.That(input.Texts, Is.Null);
        Assert.That(input.TokenIds, Is.EqualTo(new[] { new[] { 1212, 318 }, new[] { 257 } }));
    }

    [TestCase("""{"input":true}""")]
    [TestCase("""{"input":[true]}""")]
    [TestCase("""{"input":["a",2]}""")]
    [TestCase("""{"input":[1,"a"]}""")]
    [TestCase("""{"input":[1,[2]]}""")]
    [TestCase("""{"input":[[1],2]}""")]
    [TestCase("""{"input":[[1,"a"]]}""")]
    [TestCase("""{"input":[4294967296]}""")]
    [TestCase("""{"input":[1e3]}""")]
    public void Input_OtherShapes_AreRefused(string json)
    {
        // Act & Assert
        Assert.That(() => Read<EmbeddingRequest>(json), Throws.InstanceOf<JsonException>());
    }

    [Test]
    public void Vector_Base64_IsLittleEndianFloat32AndReadsBack()
    {
        // Arrange
        var vector = EmbeddingFixtures.Vectors[0];

        // Act
        var written = Write(new EmbeddingResponse
        {
            Data = [new EmbeddingData { Index = 0, Vector = new EmbeddingVector(vector, base64: true) }],
            Model = "m",
            Usage = new EmbeddingUsage { PromptTokens = 1, TotalTokens = 1 },
        });
        var read = Read<EmbeddingResponse>(written);

        // Assert
        Assert.That(written, Is.EqualTo($$$"""{"object":"list","data":[{"object":"embedding","embedding":"{{{EmbeddingFixtures.Base64(vector)}}}","index":0}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}"""));
        Assert.That(new EmbeddingVector(vector).ToBase64(), Is.EqualTo("ZicXO4DRGLxwaYE8OAU9uw=="), "the bytes OpenAI's clients decode");
        Assert.That(read.Data[0].Vector.Values.ToArray(), Is.EqualTo(vector));
    }
}

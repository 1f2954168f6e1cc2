using Languru.Api.Errors;

namespace Languru.Tests.Api;

public class JsonBodyErrorsTests
{
    [TestCase("temperature", "a number")]
    [TestCase("n", "an integer")]
    [TestCase("seed", "an integer")]
    [TestCase("stream", "a boolean")]
    [TestCase("model", "a string")]
    [TestCase("messages", "an array")]
    [TestCase("messages[3].role", "a string")]
    [TestCase("messages[0].tool_calls[1].function.arguments", "a string")]
    [TestCase("messages[0].tool_calls[1].function", "an object")]
    [TestCase("logit_bias", "an object")]
    [TestCase("logit_bias.50256", "an integer")]
    [TestCase("metadata.key", "a string")]
    [TestCase("stream_options.include_usage", "a boolean")]
    [TestCase("tools[0].function.strict", "a boolean")]
    [TestCase("no_such_field", "a different value")]
    public void ExpectedType_FollowsThePathThroughTheWireTypes(string param, string expected)
    {
        // Act & Assert
        Assert.That(JsonBodyErrors.ExpectedType(param), Is.EqualTo(expected));
    }

    [Test]
    public void Describe_SyntaxError_GivesTheReaderReasonAndOneBasedPosition()
    {
        // Act
        var error = JsonBodyErrors.Describe("$.model", "'}' is an invalid start of a value. Path: $.model | LineNumber: 2 | BytePositionInLine: 9.");

        // Assert
        Assert.That(error.StatusCode, Is.EqualTo(400));
        Assert.That(error.Detail.Message, Is.EqualTo("The request body is not valid JSON: '}' is an invalid start of a value (line 3, byte 10)."));
        Assert.That(error.Detail.Param, Is.Null);
        Assert.That(error.Detail.Code, Is.EqualTo("invalid_json"));
    }

    [Test]
    public void Describe_ConverterRefusal_NamesTheField()
    {
        // Act
        var error = JsonBodyErrors.Describe("$.stop", "expected a string or an array of strings");

        // Assert
        Assert.That(error.Detail.Message, Is.EqualTo("Invalid type for 'stop': expected a string or an array of strings."));
        Assert.That(error.Detail.Param, Is.EqualTo("stop"));
        Assert.That(error.Detail.Code, Is.EqualTo("invalid_type"));
    }
}

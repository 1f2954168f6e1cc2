using System.Text.Json.Nodes;
using Languru.Providers.Chat;

namespace Languru.Tests.Providers;

public class OpenAIFinishReasonsTests
{
    [TestCase("CreateChatCompletionResponse")]
    [TestCase("CreateChatCompletionStreamResponse")]
    public void Values_AreTheEnumOfOpenAIsReference(string schema)
    {
        // Arrange
        var definitions = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", "Schemas", "openai-schemas.json")))!["$defs"]!;
        var reference = definitions[schema]!["properties"]!["choices"]!["items"]!["properties"]!["finish_reason"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>());

        // Act & Assert
        Assert.That(OpenAIFinishReasons.Values, Is.EquivalentTo(reference));
    }

    [TestCase("length", "length")]
    [TestCase("function_call", "function_call")]
    [TestCase("eos_token", "stop")]
    [TestCase(null, null)]
    public void FromWire_KeepsTheFiveAndReadsOthersAsStop(string? value, string? expected)
    {
        // Act & Assert
        Assert.That(OpenAIFinishReasons.FromWire(value)?.Value, Is.EqualTo(expected));
        Assert.That(OpenAIFinishReasons.IsOpenAI(value), Is.EqualTo(value is not null && value == expected));
    }
}

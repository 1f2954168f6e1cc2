using System.Text.Json;
using Languru.Api.Completions;
using Languru.Api.Hosting;
using Languru.Api.Mapping;
using Languru.Contracts.Chat;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Tests.Api;

public class ChatCompletionMapperTests
{
    private static readonly CompletionHeader Header = new("chatcmpl-test", 1700000000, "default");

    private static string Json(ChatCompletion completion) => JsonSerializer.Serialize(completion, WireJson.TypeInfo<ChatCompletion>());

    [Test]
    public void ToChatCompletion_TextAnswer_IsTheExactWireJson()
    {
        // Arrange
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "Hello!"))
        {
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 9, OutputTokenCount = 12, TotalTokenCount = 21 },
            AdditionalProperties = new() { [ChatResponseKeys.SystemFingerprint] = "fp_1" },
        };

        // Act
        var completion = ChatCompletionMapper.ToChatCompletion(Header, [response]);

        // Assert
        Assert.That(Json(completion), Is.EqualTo(
            """{"id":"chatcmpl-test","object":"chat.completion","created":1700000000,"model":"default","choices":[{"index":0,"message":{"role":"assistant","content":"Hello!","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21},"system_fingerprint":"fp_1"}"""));
    }

    [Test]
    public void ToChatCompletion_ToolCalls_HaveNullContentAndFinishWithToolCalls()
    {
        // Arrange
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant,
        [
            new RawFunctionCallContent("call_1", "get_weather", """{"city":"Tokyo"}"""),
            new FunctionCallContent("call_2", "get_time", new Dictionary<string, object?> { ["tz"] = "JST" }),
        ]));

        // Act
        var choice = ChatCompletionMapper.ToChatCompletion(Header, [response]).Choices.Single();

        // Assert
        Assert.That(choice.Message.Content, Is.Null);
        Assert.That(choice.FinishReason, Is.EqualTo("tool_calls"), "a missing reason with tool calls is tool_calls");
        Assert.That(choice.Message.ToolCalls!.Select(c => (c.Id, c.Type, c.Function!.Name, c.Function.Arguments)), Is.EqualTo(new[]
        {
            ("call_1", "function", "get_weather", """{"city":"Tokyo"}"""),
            ("call_2", "function", "get_time", """{"tz":"JST"}"""),
        }));
    }

    [Test]
    public void ToChatCompletion_Refusal_IsSeparateFromContent()
    {
        // Arrange
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, [new RefusalContent("I can't help with that.")]));

        // Act
        var message = ChatCompletionMapper.ToChatCompletion(Header, [response]).Choices.Single().Message;

        // Assert
        Assert.That((message.Content, message.Refusal), Is.EqualTo(((string?)null, "I can't help with that.")));
    }

    [Test]
    public void ToChatCompletion_EmptyAnswer_IsEmptyStringNotNull()
    {
        // Act
        var message = ChatCompletionMapper.ToChatCompletion(Header, [new ChatResponse(new ChatMessage(ChatRole.Assistant, ""))]).Choices.Single().Message;

        // Assert
        Assert.That(message.Content, Is.EqualTo(""));
    }

    [Test]
    public void ToChatCompletion_SeveralChoices_AreIndexedInOrderAndUsageIsSummed()
    {
        // Arrange
        ChatResponse Answer(string text, int output, ChatFinishReason reason) => new(new ChatMessage(ChatRole.Assistant, text))
        {
            FinishReason = reason,
            Usage = new UsageDetails { InputTokenCount = 5, OutputTokenCount = output, TotalTokenCount = 5 + output },
        };

        // Act
        var completion = ChatCompletionMapper.ToChatCompletion(Header, [Answer("a", 1, ChatFinishReason.Stop), Answer("b c", 2, ChatFinishReason.Length)]);

        // Assert
        Assert.That(completion.Choices.Select(c => (c.Index, c.Message.Content, c.FinishReason)), Is.EqualTo(new[] { (0, "a", "stop"), (1, "b c", "length") }));
        Assert.That((completion.Usage!.PromptTokens, completion.Usage.CompletionTokens, completion.Usage.TotalTokens), Is.EqualTo((10, 3, 13)));
    }

    [Test]
    public void ToChatCompletion_UsageDetails_MapCachedAndReasoningTokens()
    {
        // Arrange
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "x"))
        {
            Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 50, CachedInputTokenCount = 64, ReasoningTokenCount = 30 },
        };

        // Act
        var usage = ChatCompletionMapper.ToChatCompletion(Header, [response]).Usage!;

        // Assert
        Assert.That(usage.TotalTokens, Is.EqualTo(150));
        Assert.That(usage.PromptTokensDetails!.CachedTokens, Is.EqualTo(64));
        Assert.That(usage.CompletionTokensDetails!.ReasoningTokens, Is.EqualTo(30));
    }

    [Test]
    public void ToChatCompletion_NoUsageReported_LeavesUsageOut()
    {
        // Act
        var completion = ChatCompletionMapper.ToChatCompletion(Header, [new ChatResponse(new ChatMessage(ChatRole.Assistant, "x"))]);

        // Assert
        Assert.That(completion.Usage, Is.Null);
    }

    [TestCase("stop", false, "stop")]
    [TestCase("length", false, "length")]
    [TestCase("tool_calls", true, "tool_calls")]
    [TestCase("content_filter", false, "content_filter")]
    [TestCase("function_call", false, "function_call")]
    [TestCase("eos_token", false, "stop")]
    [TestCase("abort", true, "stop")]
    [TestCase(null, false, "stop")]
    [TestCase(null, true, "tool_calls")]
    public void FinishReasons_AnythingMapsOntoTheFiveOpenAIValues(string? reason, bool calledTools, string expected)
    {
        // Act & Assert
        Assert.That(FinishReasons.ToWire(reason is null ? null : new ChatFinishReason(reason), calledTools), Is.EqualTo(expected));
    }
}

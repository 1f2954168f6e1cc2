using System.Text.Json;
using Languru.Api.Hosting;
using Languru.Contracts.Chat;
using Languru.Contracts.Errors;

namespace Languru.Tests.Contracts;

public class WireFormatTests
{
    private static T Read<T>(string json) => JsonSerializer.Deserialize(json, WireJson.TypeInfo<T>())!;

    private static string Write<T>(T value) => JsonSerializer.Serialize(value, WireJson.TypeInfo<T>());

    [Test]
    public void Request_UnionFields_RoundTripInTheFormTheClientSent()
    {
        // Arrange
        const string json = """{"model":"m","messages":[{"role":"user","content":"plain"},{"role":"user","content":[{"type":"text","text":"parts"}]}],"stop":"END","tool_choice":{"type":"function","function":{"name":"f"}}}""";

        // Act
        var request = Read<ChatCompletionRequest>(json);

        // Assert
        Assert.That(request.Messages![0].Content!.Text, Is.EqualTo("plain"));
        Assert.That(request.Messages[1].Content!.Parts!.Single().Text, Is.EqualTo("parts"));
        Assert.That(request.Stop!.Values, Is.EqualTo(new[] { "END" }));
        Assert.That(request.ToolChoice!.Named!.Function!.Name, Is.EqualTo("f"));
        Assert.That(Write(request), Is.EqualTo(json));
    }

    [Test]
    public void Request_StopArrayAndToolChoiceMode_RoundTrip()
    {
        // Arrange
        const string json = """{"model":"m","prompt":"p","stop":["a","b"],"tool_choice":"auto"}""";

        // Act & Assert
        Assert.That(Write(Read<ChatCompletionRequest>(json)), Is.EqualTo(json));
    }

    [Test]
    public void Request_UnknownFields_AreKeptNotRejected()
    {
        // Act
        var request = Read<ChatCompletionRequest>("""{"model":"m","prompt":"p","top_k":40,"chat_template_kwargs":{"x":true}}""");

        // Assert
        Assert.That(request.AdditionalProperties!.Keys, Is.EquivalentTo(new[] { "top_k", "chat_template_kwargs" }));
        Assert.That(request.AdditionalProperties["top_k"].GetInt32(), Is.EqualTo(40));
    }

    [TestCase("""{"model":"m","temperature":"0.5"}""")]
    [TestCase("""{"model":"m","n":"2"}""")]
    public void Request_NumbersInStrings_AreRefused(string json)
    {
        // Act & Assert
        Assert.That(() => Read<ChatCompletionRequest>(json), Throws.InstanceOf<JsonException>());
    }

    [Test]
    public void Completion_KeysOpenAIAlwaysSends_ArePresentEvenWhenNull()
    {
        // Arrange
        var completion = new ChatCompletion
        {
            Id = "chatcmpl-1",
            Created = 1700000000,
            Model = "m",
            Choices =
            [
                new ChatCompletionChoice
                {
                    Index = 0,
                    Message = new ChatCompletionResponseMessage
                    {
                        ToolCalls = [new ToolCall { Id = "call_1", Type = "function", Function = new FunctionCall { Name = "f", Arguments = "{}" } }],
                    },
                    FinishReason = "tool_calls",
                },
            ],
        };

        // Act & Assert
        Assert.That(Write(completion), Is.EqualTo(
            """{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]},"logprobs":null,"finish_reason":"tool_calls"}]}"""));
    }

    [Test]
    public void Chunk_FirstToolCallFragment_CarriesEmptyArgumentsAndNullFinishReason()
    {
        // Arrange
        var chunk = new ChatCompletionChunk
        {
            Id = "chatcmpl-1",
            Created = 1,
            Model = "m",
            Choices =
            [
                new ChatCompletionChunkChoice
                {
                    Index = 0,
                    Delta = new ChatCompletionDelta { ToolCalls = [new ToolCallDelta { Index = 0, Id = "call_1", Type = "function", Function = new FunctionCallDelta { Name = "f" } }] },
                },
            ],
        };

        // Act & Assert
        Assert.That(Write(chunk), Is.EqualTo(
            """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":""}}]},"logprobs":null,"finish_reason":null}]}"""));
    }

    [Test]
    public void Error_AllFourKeysArePresent()
    {
        // Act
        var json = Write(new ErrorResponse { Error = new ErrorDetail { Message = "m", Type = "invalid_request_error" } });

        // Assert
        Assert.That(json, Is.EqualTo("""{"error":{"message":"m","type":"invalid_request_error","param":null,"code":null}}"""));
    }

    [Test]
    public void Text_IsWrittenAsUtf8NotEscaped()
    {
        // Act
        var json = Write(new ErrorResponse { Error = new ErrorDetail { Message = "héllo <b> \"q\" 日本\n", Type = "t" } });

        // Assert
        Assert.That(json, Does.Contain("héllo <b> \\\"q\\\" 日本\\n"));
    }
}

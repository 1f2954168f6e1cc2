using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Languru.Api.Hosting;
using Languru.Api.Mapping;
using Languru.Contracts.Chat;
using Languru.Providers.OpenAI;

namespace Languru.Tests.Api;

public class ChatWireRequestTests
{
    private static string Write(string json, string model = "upstream-1", bool stream = false, bool forwardUnknownFields = true)
    {
        var request = JsonSerializer.Deserialize(json, WireJson.TypeInfo<ChatCompletionRequest>())!;
        var wire = (IOpenAIChatRequest)ChatRequestMapper.ToChatOptions(request, model).RawRepresentationFactory!(null!)!;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            wire.WriteTo(writer, model, stream, forwardUnknownFields);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void AssertJson(string actual, string expected) =>
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(expected)), Is.True, $"actual: {actual}");

    [Test]
    public void WriteTo_EveryField_IsWrittenAsSentWithTheUpstreamModel()
    {
        // Arrange
        const string Fields = """
            "temperature":0.5,"top_p":0.9,"max_completion_tokens":64,"stop":"END","presence_penalty":0.25,"frequency_penalty":-0.5,
            "logit_bias":{"50256":-100},"logprobs":true,"top_logprobs":2,"seed":7,
            "response_format":{"type":"json_schema","json_schema":{"name":"answer","schema":{"type":"object"},"strict":true}},
            "tools":[{"type":"function","function":{"name":"f","description":"","parameters":{"type":"object","properties":{}}}},{"type":"custom","custom":{"name":"sql"}}],
            "tool_choice":{"type":"allowed_tools","allowed_tools":{"mode":"auto","tools":[{"type":"function","function":{"name":"f"}}]}},
            "parallel_tool_calls":false,"user":"u","safety_identifier":"s","prompt_cache_key":"k","store":true,"metadata":{"a":"b"},
            "service_tier":"flex","reasoning_effort":"low","verbosity":"high","prediction":{"type":"content","content":"x"},
            "web_search_options":{},"top_k":40
            """;
        var messages = """
            "messages":[{"role":"system","content":"sys"},{"role":"user","name":"ann","content":[{"type":"text","text":"hi"},{"type":"image_url","image_url":{"url":"https://e.com/a.png","detail":"low"}}]},
              {"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"a\": 1}"}}]}]
            """;

        // Act
        var written = Write($$"""{"model":"alias",{{messages}},"n":3,"stream":true,"stream_options":{"include_usage":false},{{Fields}}}""");

        // Assert
        AssertJson(written, $$"""{"model":"upstream-1",{{messages}},{{Fields}}}""");
    }

    [TestCase(true, """{"model":"upstream-1","messages":[{"role":"user","content":"x"}],"stream":true,"stream_options":{"include_usage":true},"top_k":40}""")]
    [TestCase(false, """{"model":"upstream-1","messages":[{"role":"user","content":"x"}],"stream":true,"stream_options":{"include_usage":true}}""")]
    public void WriteTo_Stream_AlwaysAsksForUsageAndForwardsUnknownFieldsOnlyWhenAllowed(bool forward, string expected)
    {
        // Act
        var written = Write("""{"model":"m","messages":[{"role":"user","content":"x"}],"top_k":40,"languru.secret":1}""", stream: true, forwardUnknownFields: forward);

        // Assert
        AssertJson(written, expected);
    }

    [Test]
    public void WriteTo_UnknownKeysInsideNestedObjects_AreNotForwarded()
    {
        // Act: unknown keys are forwarded at the top level only; inside a message, a content part, a tool or the
        // response format they are not read, so a duplicated one cannot be read one way here and another upstream.
        var written = Write("""
            {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"hi","x_part":1,"x_part":2}],"x_msg":1,"x_msg":2}],
             "tools":[{"type":"function","function":{"name":"f","x_fn":1,"x_fn":2},"x_tool":1}],"response_format":{"type":"text","x_rf":1,"x_rf":2}}
            """);

        // Assert
        AssertJson(written, """
            {"model":"upstream-1","messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}],
             "tools":[{"type":"function","function":{"name":"f"}}],"response_format":{"type":"text"}}
            """);
    }

    [Test]
    public void WriteTo_PromptToolAndFunctionMessagesAndBothTokenLimits_AreSentAsTheSdkPathSendsThem()
    {
        // Act
        var prompt = Write("""{"model":"m","prompt":"Hello","max_tokens":5}""");
        var tools = Write("""
            {"model":"m","max_tokens":5,"max_completion_tokens":9,"messages":[
              {"role":"tool","tool_call_id":"call_1","content":[{"type":"text","text":"sun"},{"type":"text","text":"ny"}]},
              {"role":"function","name":"get_time","content":"noon"}]}
            """);

        // Assert
        AssertJson(prompt, """{"model":"upstream-1","messages":[{"role":"user","content":"Hello"}],"max_tokens":5}""");
        AssertJson(tools, """
            {"model":"upstream-1","max_completion_tokens":9,"messages":[
              {"role":"tool","tool_call_id":"call_1","content":"sunny"},
              {"role":"function","name":"get_time","content":"noon"}]}
            """);
    }

    [Test]
    public void ToChatOptions_CopiedForAnotherRouteTarget_KeepsTheWireRequest()
    {
        // Arrange: the router copies the options for each target (RoutedChatClient.ForTarget)
        var request = JsonSerializer.Deserialize("""{"model":"m","messages":[{"role":"user","content":"x"}]}""", WireJson.TypeInfo<ChatCompletionRequest>())!;
        var options = ChatRequestMapper.ToChatOptions(request, "first");

        // Act
        var copy = options.Clone();
        copy.ModelId = "second";

        // Assert
        Assert.That(copy.RawRepresentationFactory?.Invoke(null!), Is.InstanceOf<IOpenAIChatRequest>());
    }
}

using System.Text.Json;
using Languru.Api.Hosting;
using Languru.Api.Mapping;
using Languru.Contracts.Chat;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Tests.Api;

public class ChatRequestMapperTests
{
    private static ChatCompletionRequest Parse(string json) =>
        JsonSerializer.Deserialize(json, WireJson.TypeInfo<ChatCompletionRequest>())!;

    [Test]
    public void ToChatMessages_Prompt_IsOneUserMessage()
    {
        // Act
        var messages = ChatRequestMapper.ToChatMessages(Parse("""{"model":"m","prompt":"Hello, how are you?"}"""));

        // Assert
        Assert.That(messages, Has.Count.EqualTo(1));
        Assert.That(messages[0].Role, Is.EqualTo(ChatRole.User));
        Assert.That(messages[0].Text, Is.EqualTo("Hello, how are you?"));
    }

    [Test]
    public void ToChatMessages_EveryRoleAndPartKind_MapsToItsContent()
    {
        // Arrange
        var request = Parse("""
            {"model":"m","messages":[
              {"role":"system","content":"sys"},
              {"role":"developer","content":"dev"},
              {"role":"user","name":"ann","content":[
                {"type":"text","text":"look"},
                {"type":"image_url","image_url":{"url":"https://example.com/cat.png","detail":"high"}},
                {"type":"image_url","image_url":{"url":"data:image/png;base64,AQID"}},
                {"type":"input_audio","input_audio":{"data":"AQID","format":"mp3"}},
                {"type":"file","file":{"file_id":"file-9","filename":"a.pdf"}}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"sunny"},
              {"role":"assistant","refusal":"I can't."}]}
            """);

        // Act
        var messages = ChatRequestMapper.ToChatMessages(request);

        // Assert
        Assert.That(messages.Select(m => m.Role.Value), Is.EqualTo(new[] { "system", "developer", "user", "assistant", "tool", "assistant" }));
        var user = messages[2];
        Assert.That(user.AuthorName, Is.EqualTo("ann"));
        Assert.That(user.Contents[0], Is.TypeOf<TextContent>().With.Property("Text").EqualTo("look"));
        var remote = (UriContent)user.Contents[1];
        Assert.That(remote.Uri, Is.EqualTo(new Uri("https://example.com/cat.png")));
        Assert.That(remote.AdditionalProperties!["detail"], Is.EqualTo("high"));
        var inline = (DataContent)user.Contents[2];
        Assert.That(inline.MediaType, Is.EqualTo("image/png"));
        Assert.That(inline.Data.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
        var audio = (DataContent)user.Contents[3];
        Assert.That(audio.MediaType, Is.EqualTo("audio/mpeg"));
        var file = (HostedFileContent)user.Contents[4];
        Assert.That((file.FileId, file.Name), Is.EqualTo(("file-9", "a.pdf")));

        var call = (RawFunctionCallContent)messages[3].Contents.Single();
        Assert.That((call.CallId, call.Name, call.ArgumentsJson), Is.EqualTo(("call_1", "get_weather", """{"city": "Paris"}""")));
        Assert.That(((JsonElement)call.Arguments!["city"]!).GetString(), Is.EqualTo("Paris"));

        var result = (FunctionResultContent)messages[4].Contents.Single();
        Assert.That((result.CallId, result.Result), Is.EqualTo(("call_1", (object)"sunny")));
        Assert.That(((RefusalContent)messages[5].Contents.Single()).Refusal, Is.EqualTo("I can't."));
    }

    [Test]
    public void ToChatMessages_InvalidArgumentsJson_IsKeptVerbatim()
    {
        // Arrange
        var request = Parse("""{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{\"a\":"}}]}]}""");

        // Act
        var call = (RawFunctionCallContent)ChatRequestMapper.ToChatMessages(request)[0].Contents.Single();

        // Assert
        Assert.That(call.ArgumentsJson, Is.EqualTo("{\"a\":"));
        Assert.That(call.Arguments, Is.Null);
    }

    [Test]
    public void ToChatMessages_BadBase64DataUrl_IsAnInvalidRequestNamingTheField()
    {
        // Arrange
        var request = Parse("""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"x"},{"type":"image_url","image_url":{"url":"data:image/png;base64,@@@"}}]}]}""");

        // Act
        var ex = Assert.Throws<ChatProviderException>(() => ChatRequestMapper.ToChatMessages(request));

        // Assert
        Assert.That(ex!.Kind, Is.EqualTo(ChatProviderErrorKind.InvalidRequest));
        Assert.That(ex.Param, Is.EqualTo("messages[0].content[1].image_url.url"));
    }

    [TestCase("""{"name":"answer"}""")]
    [TestCase("""{"name":"answer","schema":null}""")]
    public void ToChatOptions_JsonSchemaWithoutASchema_KeepsTheNameWithTheEmptySchema(string jsonSchema)
    {
        // Arrange: OpenAI makes 'schema' optional (this was a 500).
        var request = Parse($$$"""{"model":"m","prompt":"p","response_format":{"type":"json_schema","json_schema":{{{jsonSchema}}}}}""");

        // Act
        var format = (ChatResponseFormatJson)ChatRequestMapper.ToChatOptions(request, "m").ResponseFormat!;

        // Assert
        Assert.That((format.SchemaName, format.Schema!.Value.GetRawText()), Is.EqualTo(("answer", "{}")));
    }

    [Test]
    public void ToChatOptions_TypedFields_MapToChatOptions()
    {
        // Arrange
        var request = Parse("""
            {"model":"alias","prompt":"p","temperature":0.7,"top_p":0.9,"max_completion_tokens":50,"max_tokens":10,"stop":"END",
             "seed":42,"presence_penalty":0.5,"frequency_penalty":-0.5,"parallel_tool_calls":false,
             "response_format":{"type":"json_schema","json_schema":{"name":"answer","description":"d","schema":{"type":"object"},"strict":true}},
             "tools":[{"type":"function","function":{"name":"f","description":"does f","parameters":{"type":"object","properties":{"a":{"type":"string"}}},"strict":true}}],
             "tool_choice":{"type":"function","function":{"name":"f"}}}
            """);

        // Act
        var options = ChatRequestMapper.ToChatOptions(request, "upstream-id");

        // Assert
        Assert.That(options.ModelId, Is.EqualTo("upstream-id"));
        Assert.That(options.Temperature, Is.EqualTo(0.7f));
        Assert.That(options.TopP, Is.EqualTo(0.9f));
        Assert.That(options.MaxOutputTokens, Is.EqualTo(50), "max_completion_tokens wins over max_tokens");
        Assert.That(options.StopSequences, Is.EqualTo(new[] { "END" }));
        Assert.That(options.Seed, Is.EqualTo(42));
        Assert.That((options.PresencePenalty, options.FrequencyPenalty), Is.EqualTo((0.5f, -0.5f)));
        Assert.That(options.AllowMultipleToolCalls, Is.False);
        var format = (ChatResponseFormatJson)options.ResponseFormat!;
        Assert.That((format.SchemaName, format.SchemaDescription, format.Schema!.Value.GetRawText()), Is.EqualTo(("answer", "d", """{"type":"object"}""")));
        var tool = (FunctionToolDeclaration)options.Tools!.Single();
        Assert.That((tool.Name, tool.Description, tool.Strict), Is.EqualTo(("f", "does f", (bool?)true)));
        Assert.That(tool.JsonSchema.GetRawText(), Is.EqualTo("""{"type":"object","properties":{"a":{"type":"string"}}}"""));
        Assert.That(((RequiredChatToolMode)options.ToolMode!).RequiredFunctionName, Is.EqualTo("f"));
        Assert.That(options.AdditionalProperties![ChatOptionKeys.JsonSchemaStrict], Is.True);
        Assert.That(options.AdditionalProperties.ContainsKey(ChatOptionKeys.MaxTokens), Is.False);
    }

    [TestCase("\"none\"", "none")]
    [TestCase("\"auto\"", "auto")]
    [TestCase("\"required\"", "required")]
    public void ToChatOptions_ToolChoiceModes_MapToToolModes(string json, string expected)
    {
        // Act
        var mode = ChatRequestMapper.ToChatOptions(Parse($$"""{"model":"m","prompt":"p","tool_choice":{{json}}}"""), "m").ToolMode;

        // Assert
        var actual = mode switch
        {
            NoneChatToolMode => "none",
            AutoChatToolMode => "auto",
            RequiredChatToolMode { RequiredFunctionName: null } => "required",
            _ => "?",
        };
        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void ToChatOptions_FieldsWithoutAChatOptionsProperty_TravelAsRawJsonUnderTheirWireNames()
    {
        // Arrange
        var request = Parse("""
            {"model":"m","prompt":"p","max_tokens":10,"logit_bias":{"50256":-100},"logprobs":true,"top_logprobs":3,"user":"u-1",
             "store":true,"metadata":{"k":"v"},"service_tier":"flex","reasoning_effort":"low","top_k":40,"languru.sneaky":1}
            """);

        // Act
        var extra = ChatRequestMapper.ToChatOptions(request, "m").AdditionalProperties!;

        // Assert
        string Raw(string key) => ((JsonElement)extra[key]!).GetRawText();
        Assert.That(Raw("max_tokens"), Is.EqualTo("10"));
        Assert.That(Raw("logit_bias"), Is.EqualTo("""{"50256":-100}"""));
        Assert.That(Raw("logprobs"), Is.EqualTo("true"));
        Assert.That(Raw("top_logprobs"), Is.EqualTo("3"));
        Assert.That(Raw("user"), Is.EqualTo("\"u-1\""));
        Assert.That(Raw("store"), Is.EqualTo("true"));
        Assert.That(Raw("metadata"), Is.EqualTo("""{"k":"v"}"""));
        Assert.That(Raw("service_tier"), Is.EqualTo("\"flex\""));
        Assert.That(Raw("reasoning_effort"), Is.EqualTo("\"low\""));
        Assert.That(Raw("top_k"), Is.EqualTo("40"), "unknown fields are kept for providers that forward them");
        Assert.That(extra.ContainsKey("languru.sneaky"), Is.False, "clients cannot set the gateway's own keys");
        Assert.That(extra[ChatOptionKeys.UnknownFields], Is.EqualTo(new[] { "top_k" }), "providers learn which fields were unknown");
    }

    [Test]
    public void ToChatOptions_MinimalRequest_HasNoAdditionalProperties()
    {
        // Act
        var options = ChatRequestMapper.ToChatOptions(Parse("""{"model":"m","prompt":"p"}"""), "m");

        // Assert
        Assert.That(options.AdditionalProperties, Is.Null);
        Assert.That(options.Tools, Is.Null);
        Assert.That(options.StopSequences, Is.Null);
    }
}

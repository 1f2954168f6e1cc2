using System.Text.Json;
using Languru.Api.Hosting;
using Languru.Api.Limits;
using Languru.Api.Validation;
using Languru.Contracts.Chat;
using Microsoft.Extensions.Options;

namespace Languru.Tests.Api;

public class ChatCompletionRequestValidatorTests
{
    // OpenAI's own limits, so that these tests check the wire rules; the gateway's defaults are tested below.
    private static readonly ChatCompletionRequestValidator Validator = new(Options.Create(new LimitsOptions { MaxChoices = 128 }));

    private static ChatCompletionRequest Parse(string json) =>
        JsonSerializer.Deserialize(json, WireJson.TypeInfo<ChatCompletionRequest>())!;

    [TestCase("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""")]
    [TestCase("""{"model":"m","prompt":"hi","stream":true,"stream_options":{"include_usage":true}}""")]
    [TestCase("""{"model":"m","messages":[{"role":"developer","content":"be nice"},{"role":"user","content":[{"type":"text","text":"what is this?"},{"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},{"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}},{"type":"file","file":{"file_id":"file-1"}}]}]}""")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":"weather?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":"}}]},{"role":"tool","tool_call_id":"call_1","content":"sunny"}]}""")]
    [TestCase("""{"model":"m","messages":[{"role":"assistant","refusal":"no"}, {"role":"user","content":"ok"}]}""")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":"find x"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"custom","custom":{"name":"grep","input":"x"}},{"id":"call_2","type":"function","function":{"name":"f","arguments":""}}]},{"role":"tool","tool_call_id":"call_1","content":"found"}]}""")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":"weather?"},{"role":"assistant","content":null,"function_call":{"name":"get_weather","arguments":"{}"}},{"role":"function","name":"get_weather","content":"sunny"}]}""")]
    [TestCase("""{"model":"m","messages":[{"role":"assistant","function_call":{"name":"f","arguments":""}}]}""")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":"x"}],"temperature":0,"top_p":1,"n":128,"max_tokens":1,"max_completion_tokens":5,"stop":["a","b","c","d"],"presence_penalty":-2,"frequency_penalty":2,"logit_bias":{"50256":-100},"logprobs":true,"top_logprobs":20,"seed":-5}""")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"},"strict":true}}],"tool_choice":{"type":"function","function":{"name":"get_weather"}},"parallel_tool_calls":false}""")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema","json_schema":{"name":"answer","schema":{"type":"object"},"strict":true}}}""")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":"x"}],"tool_choice":"auto","metadata":{"k":"v"},"modalities":["text"],"store":false,"user":"u","unknown_field":{"x":1}}""")]
    [TestCase("""{"model":"m","prompt":"x","service_tier":"priority","reasoning_effort":"minimal","verbosity":"low","prompt_cache_retention":"24h","web_search_options":{"search_context_size":"low"},"prediction":{"type":"content","content":"x"},"safety_identifier":"0123456789012345678901234567890123456789012345678901234567890123"}""")]
    [TestCase("""{"model":"m","prompt":"x","function_call":{"name":"f"},"functions":[{"name":"f"}],"stop":"","service_tier":null}""")]
    [TestCase("""{"model":"m","prompt":"x","tools":[{"type":"custom","custom":{"name":"grep","format":{"type":"text"}}}],"tool_choice":{"type":"custom","custom":{"name":"grep"}}}""")]
    [TestCase("""{"model":"m","prompt":"x","tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"allowed_tools","allowed_tools":{"mode":"auto","tools":[{"type":"function","function":{"name":"f"}}]}}}""")]
    public void Validate_ValidRequest_Passes(string json)
    {
        // Act
        var result = Validator.Validate(Parse(json));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("""{"messages":[{"role":"user","content":"x"}]}""", "model", "missing_required_parameter", "Missing required parameter: 'model'.")]
    [TestCase("""{"model":"  ","messages":[{"role":"user","content":"x"}]}""", "model", "missing_required_parameter", "Missing required parameter: 'model'.")]
    [TestCase("""{"model":"m"}""", "messages", "missing_required_parameter", "Missing required parameter: 'messages' (or the 'prompt' shorthand).")]
    [TestCase("""{"model":"m","prompt":"a","messages":[{"role":"user","content":"x"}]}""", "prompt", "invalid_value", "Send either 'messages' or the 'prompt' shorthand, not both.")]
    [TestCase("""{"model":"m","messages":[]}""", "messages", "empty_array", "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.")]
    [TestCase("""{"model":"m","messages":[{"content":"x"}]}""", "messages[0].role", "missing_required_parameter", "Missing required parameter: 'messages[0].role'.")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":"x"},{"role":"user","content":"y"},{"role":"robot","content":"z"}]}""", "messages[2].role", "invalid_value", "Invalid value for 'messages[2].role': 'robot'. Supported values are: 'system', 'developer', 'user', 'assistant', 'tool', 'function'.")]
    [TestCase("""{"model":"m","messages":[{"role":"user"}]}""", "messages[0].content", "missing_required_parameter", "Missing required parameter: 'messages[0].content'.")]
    [TestCase("""{"model":"m","messages":[{"role":"assistant"}]}""", "messages[0].content", "missing_required_parameter", "Missing required parameter: 'messages[0].content'.")]
    [TestCase("""{"model":"m","messages":[{"role":"tool","content":"x"}]}""", "messages[0].tool_call_id", "missing_required_parameter", "Missing required parameter: 'messages[0].tool_call_id'.")]
    [TestCase("""{"model":"m","messages":[{"role":"function","content":"x"}]}""", "messages[0].name", "missing_required_parameter", "Missing required parameter: 'messages[0].name'.")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":[]}]}""", "messages[0].content", "empty_array", "Invalid 'messages[0].content': empty array. Expected an array with minimum length 1, but got an empty array instead.")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":[{"text":"x"}]}]}""", "messages[0].content[0].type", "missing_required_parameter", "Missing required parameter: 'messages[0].content[0].type'.")]
    [TestCase("""{"model":"m","messages":[{"role":"system","content":[{"type":"text","text":"a"},{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]}""", "messages[0].content[1].type", "invalid_value", "Invalid value for 'messages[0].content[1].type': 'image_url'. Supported values are: 'text'.")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":[{"type":"video"}]}]}""", "messages[0].content[0].type", "invalid_value", "Invalid value for 'messages[0].content[0].type': 'video'. Supported values are: 'text', 'image_url', 'input_audio', 'file'.")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":[{"type":"text"}]}]}""", "messages[0].content[0].text", "missing_required_parameter", "Missing required parameter: 'messages[0].content[0].text'.")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://x/y.png"}}]}]}""", "messages[0].content[0].image_url.url", "invalid_value", "Invalid 'messages[0].content[0].image_url.url': expected an http(s) URL or a base64 data URL (data:image/…;base64,…).")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png,raw"}}]}]}""", "messages[0].content[0].image_url.url", "invalid_value", "Invalid 'messages[0].content[0].image_url.url': expected an http(s) URL or a base64 data URL (data:image/…;base64,…).")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x/y.png","detail":"ultra"}}]}]}""", "messages[0].content[0].image_url.detail", "invalid_value", "Invalid value for 'messages[0].content[0].image_url.detail': 'ultra'. Supported values are: 'auto', 'low', 'high'.")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AA==","format":"ogg"}}]}]}""", "messages[0].content[0].input_audio.format", "invalid_value", "Invalid value for 'messages[0].content[0].input_audio.format': 'ogg'. Supported values are: 'wav', 'mp3'.")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":[{"type":"file","file":{"filename":"a.pdf"}}]}]}""", "messages[0].content[0].file.file_data", "missing_required_parameter", "Missing required parameter: 'messages[0].content[0].file.file_data' (or 'file_id').")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":"x","tool_calls":[]}]}""", "messages[0].tool_calls", "invalid_value", "Invalid 'messages[0].tool_calls': only assistant messages carry tool calls.")]
    [TestCase("""{"model":"m","messages":[{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f","arguments":"{}"}}]}]}""", "messages[0].tool_calls[0].id", "missing_required_parameter", "Missing required parameter: 'messages[0].tool_calls[0].id'.")]
    [TestCase("""{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f"}}]}]}""", "messages[0].tool_calls[0].function.arguments", "missing_required_parameter", "Missing required parameter: 'messages[0].tool_calls[0].function.arguments'.")]
    [TestCase("""{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"mcp","function":{"name":"f","arguments":"{}"}}]}]}""", "messages[0].tool_calls[0].type", "invalid_value", "Invalid value for 'messages[0].tool_calls[0].type': 'mcp'. Supported values are: 'function', 'custom'.")]
    [TestCase("""{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"custom"}]}]}""", "messages[0].tool_calls[0].custom", "missing_required_parameter", "Missing required parameter: 'messages[0].tool_calls[0].custom'.")]
    [TestCase("""{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"custom","custom":{"input":"x"}}]}]}""", "messages[0].tool_calls[0].custom.name", "missing_required_parameter", "Missing required parameter: 'messages[0].tool_calls[0].custom.name'.")]
    [TestCase("""{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"custom","custom":{"name":"grep"}}]}]}""", "messages[0].tool_calls[0].custom.input", "missing_required_parameter", "Missing required parameter: 'messages[0].tool_calls[0].custom.input'.")]
    [TestCase("""{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"custom","function":{"name":"f","arguments":"{}"}}]}]}""", "messages[0].tool_calls[0].custom", "missing_required_parameter", "Missing required parameter: 'messages[0].tool_calls[0].custom'.")]
    [TestCase("""{"model":"m","messages":[{"role":"assistant","content":null,"function_call":{"arguments":"{}"}}]}""", "messages[0].function_call.name", "missing_required_parameter", "Missing required parameter: 'messages[0].function_call.name'.")]
    [TestCase("""{"model":"m","messages":[{"role":"assistant","content":null,"function_call":{"name":"f"}}]}""", "messages[0].function_call.arguments", "missing_required_parameter", "Missing required parameter: 'messages[0].function_call.arguments'.")]
    [TestCase("""{"model":"m","messages":[{"role":"user","content":"x","function_call":{"name":"f","arguments":"{}"}}]}""", "messages[0].function_call", "invalid_value", "Invalid 'messages[0].function_call': only assistant messages carry a function call.")]
    [TestCase("""{"model":"m","prompt":"x","temperature":2.5}""", "temperature", "decimal_above_max_value", "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 2.5 instead.")]
    [TestCase("""{"model":"m","prompt":"x","top_p":-0.1}""", "top_p", "decimal_below_min_value", "Invalid 'top_p': decimal below minimum value. Expected a value >= 0, but got -0.1 instead.")]
    [TestCase("""{"model":"m","prompt":"x","n":0}""", "n", "integer_below_min_value", "Invalid 'n': integer below minimum value. Expected a value >= 1, but got 0 instead.")]
    [TestCase("""{"model":"m","prompt":"x","n":129}""", "n", "integer_above_max_value", "Invalid 'n': integer above maximum value. Expected a value <= 128, but got 129 instead.")]
    [TestCase("""{"model":"m","prompt":"x","max_tokens":0}""", "max_tokens", "integer_below_min_value", "Invalid 'max_tokens': integer below minimum value. Expected a value >= 1, but got 0 instead.")]
    [TestCase("""{"model":"m","prompt":"x","max_completion_tokens":-1}""", "max_completion_tokens", "integer_below_min_value", "Invalid 'max_completion_tokens': integer below minimum value. Expected a value >= 1, but got -1 instead.")]
    [TestCase("""{"model":"m","prompt":"x","stop":["1","2","3","4","5"]}""", "stop", "array_above_max_length", "Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with length 5 instead.")]
    [TestCase("""{"model":"m","prompt":"x","presence_penalty":-3}""", "presence_penalty", "decimal_below_min_value", "Invalid 'presence_penalty': decimal below minimum value. Expected a value >= -2, but got -3 instead.")]
    [TestCase("""{"model":"m","prompt":"x","frequency_penalty":2.01}""", "frequency_penalty", "decimal_above_max_value", "Invalid 'frequency_penalty': decimal above maximum value. Expected a value <= 2, but got 2.01 instead.")]
    [TestCase("""{"model":"m","prompt":"x","logit_bias":{"abc":1}}""", "logit_bias", "invalid_value", "Invalid key in 'logit_bias': 'abc' is not a token id (a non-negative integer).")]
    [TestCase("""{"model":"m","prompt":"x","logit_bias":{"7":101}}""", "logit_bias", "invalid_value", "Invalid value in 'logit_bias' for token 7: expected -100 to 100, but got 101.")]
    [TestCase("""{"model":"m","prompt":"x","top_logprobs":21,"logprobs":true}""", "top_logprobs", "integer_above_max_value", "Invalid 'top_logprobs': integer above maximum value. Expected a value <= 20, but got 21 instead.")]
    [TestCase("""{"model":"m","prompt":"x","top_logprobs":2}""", "top_logprobs", "invalid_value", "Invalid value for 'top_logprobs': 'logprobs' must be true to use 'top_logprobs'.")]
    [TestCase("""{"model":"m","prompt":"x","response_format":{"type":"yaml"}}""", "response_format.type", "invalid_value", "Invalid value for 'response_format.type': 'yaml'. Supported values are: 'text', 'json_object', 'json_schema'.")]
    [TestCase("""{"model":"m","prompt":"x","response_format":{"type":"json_schema"}}""", "response_format.json_schema", "missing_required_parameter", "Missing required parameter: 'response_format.json_schema'.")]
    [TestCase("""{"model":"m","prompt":"x","response_format":{"type":"json_schema","json_schema":{"name":"has space"}}}""", "response_format.json_schema.name", "invalid_value", "Invalid 'response_format.json_schema.name': 'has space' does not match the pattern '^[a-zA-Z0-9_-]{1,64}$'.")]
    [TestCase("""{"model":"m","prompt":"x","response_format":{"type":"json_schema","json_schema":{"name":"a","schema":[1]}}}""", "response_format.json_schema.schema", "invalid_type", "Invalid type for 'response_format.json_schema.schema': expected a JSON Schema object.")]
    [TestCase("""{"model":"m","prompt":"x","tools":[{"type":"retrieval"}]}""", "tools[0].type", "invalid_value", "Invalid value for 'tools[0].type': 'retrieval'. Supported values are: 'function', 'custom'.")]
    [TestCase("""{"model":"m","prompt":"x","tools":[{"type":"function"}]}""", "tools[0].function", "missing_required_parameter", "Missing required parameter: 'tools[0].function'.")]
    [TestCase("""{"model":"m","prompt":"x","tools":[{"type":"function","function":{"name":"get weather"}}]}""", "tools[0].function.name", "invalid_value", "Invalid 'tools[0].function.name': 'get weather' does not match the pattern '^[a-zA-Z0-9_-]{1,64}$'.")]
    [TestCase("""{"model":"m","prompt":"x","tools":[{"type":"function","function":{"name":"f","parameters":"{}"}}]}""", "tools[0].function.parameters", "invalid_type", "Invalid type for 'tools[0].function.parameters': expected a JSON Schema object.")]
    [TestCase("""{"model":"m","prompt":"x","tool_choice":"sometimes"}""", "tool_choice", "invalid_value", "Invalid value for 'tool_choice': 'sometimes'. Supported values are: 'none', 'auto', 'required'.")]
    [TestCase("""{"model":"m","prompt":"x","tool_choice":"required"}""", "tool_choice", "invalid_value", "Invalid value for 'tool_choice': 'required' is only allowed when 'tools' are specified.")]
    [TestCase("""{"model":"m","prompt":"x","tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"function","function":{"name":"g"}}}""", "tool_choice.function.name", "invalid_value", "Invalid value for 'tool_choice.function.name': no tool named 'g' is declared in 'tools'.")]
    [TestCase("""{"model":"m","prompt":"x","tool_choice":{"type":"function","function":{}}}""", "tool_choice.function.name", "missing_required_parameter", "Missing required parameter: 'tool_choice.function.name'.")]
    [TestCase("""{"model":"m","prompt":"x","stream_options":{"include_usage":true}}""", "stream_options", "invalid_value", "Invalid value for 'stream_options': it is only allowed when 'stream' is true.")]
    [TestCase("""{"model":"m","prompt":"x","modalities":["text","smell"]}""", "modalities[1]", "invalid_value", "Invalid value for 'modalities[1]': 'smell'. Supported values are: 'text', 'audio'.")]
    [TestCase("""{"model":"m","prompt":"x","modalities":["text","audio"]}""", "modalities", "unsupported_parameter", "Audio output is not supported by this gateway: the answer's audio could not be passed back. Ask for text only.")]
    [TestCase("""{"model":"m","prompt":"x","audio":{"voice":"alloy","format":"wav"}}""", "audio", "unsupported_parameter", "Audio output is not supported by this gateway: the answer's audio could not be passed back. Ask for text only.")]
    [TestCase("""{"model":"m","prompt":"x","service_tier":"turbo"}""", "service_tier", "invalid_value", "Invalid value for 'service_tier': 'turbo'. Supported values are: 'auto', 'default', 'flex', 'scale', 'priority', 'fast'.")]
    [TestCase("""{"model":"m","prompt":"x","reasoning_effort":"extreme"}""", "reasoning_effort", "invalid_value", "Invalid value for 'reasoning_effort': 'extreme'. Supported values are: 'none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'.")]
    [TestCase("""{"model":"m","prompt":"x","verbosity":"chatty"}""", "verbosity", "invalid_value", "Invalid value for 'verbosity': 'chatty'. Supported values are: 'low', 'medium', 'high'.")]
    [TestCase("""{"model":"m","prompt":"x","prompt_cache_retention":"forever"}""", "prompt_cache_retention", "invalid_value", "Invalid value for 'prompt_cache_retention': 'forever'. Supported values are: 'in_memory', '24h'.")]
    [TestCase("""{"model":"m","prompt":"x","prompt_cache_retention":24}""", "prompt_cache_retention", "invalid_type", "Invalid type for 'prompt_cache_retention': expected a string.")]
    [TestCase("""{"model":"m","prompt":"x","web_search_options":{"search_context_size":"huge"}}""", "web_search_options.search_context_size", "invalid_value", "Invalid value for 'web_search_options.search_context_size': 'huge'. Supported values are: 'low', 'medium', 'high'.")]
    [TestCase("""{"model":"m","prompt":"x","prediction":{"type":"guess","content":"x"}}""", "prediction.type", "invalid_value", "Invalid value for 'prediction.type': 'guess'. Supported values are: 'content'.")]
    [TestCase("""{"model":"m","prompt":"x","function_call":"required"}""", "function_call", "invalid_value", "Invalid value for 'function_call': 'required'. Supported values are: 'none', 'auto'.")]
    [TestCase("""{"model":"m","prompt":"x","function_call":{}}""", "function_call.name", "missing_required_parameter", "Missing required parameter: 'function_call.name'.")]
    [TestCase("""{"model":"m","prompt":"x","function_call":7}""", "function_call", "invalid_type", "Invalid type for 'function_call': expected \"none\", \"auto\" or an object {\"name\": …}.")]
    [TestCase("""{"model":"m","prompt":"x","stop":[]}""", "stop", "empty_array", "Invalid 'stop': empty array. Expected an array with minimum length 1, but got an empty array instead.")]
    [TestCase("""{"model":"m","prompt":"x","functions":[]}""", "functions", "empty_array", "Invalid 'functions': empty array. Expected an array with minimum length 1, but got an empty array instead.")]
    [TestCase("""{"model":"m","prompt":"x","safety_identifier":"0123456789012345678901234567890123456789012345678901234567890123X"}""", "safety_identifier", "string_above_max_length", "Invalid 'safety_identifier': string too long. Expected a string with maximum length 64, but got a string with length 65 instead.")]
    [TestCase("""{"model":"m","prompt":"x","tools":[{"type":"custom"}]}""", "tools[0].custom", "missing_required_parameter", "Missing required parameter: 'tools[0].custom'.")]
    [TestCase("""{"model":"m","prompt":"x","tools":[{"type":"custom","custom":{}}]}""", "tools[0].custom.name", "missing_required_parameter", "Missing required parameter: 'tools[0].custom.name'.")]
    [TestCase("""{"model":"m","prompt":"x","tools":[{"type":"custom","custom":{"name":"a"}}],"tool_choice":{"type":"custom","custom":{"name":"b"}}}""", "tool_choice.custom.name", "invalid_value", "Invalid value for 'tool_choice.custom.name': no custom tool named 'b' is declared in 'tools'.")]
    [TestCase("""{"model":"m","prompt":"x","tool_choice":{"type":"allowed_tools","allowed_tools":{"mode":"maybe","tools":[]}}}""", "tool_choice.allowed_tools.mode", "invalid_value", "Invalid value for 'tool_choice.allowed_tools.mode': 'maybe'. Supported values are: 'auto', 'required'.")]
    [TestCase("""{"model":"m","prompt":"x","tool_choice":{"type":"allowed_tools"}}""", "tool_choice.allowed_tools", "missing_required_parameter", "Missing required parameter: 'tool_choice.allowed_tools'.")]
    public void Validate_InvalidRequest_ReportsTheFieldCodeAndMessage(string json, string param, string code, string message)
    {
        // Act
        var result = Validator.Validate(Parse(json));

        // Assert
        Assert.That(result.Errors, Has.Count.EqualTo(1), "only the first problem is reported");
        Assert.That(result.Errors[0].PropertyName, Is.EqualTo(param));
        Assert.That(result.Errors[0].ErrorCode, Is.EqualTo(code));
        Assert.That(result.Errors[0].ErrorMessage, Is.EqualTo(message));
    }

    [Test]
    public void Validate_MetadataTooLarge_IsRefused()
    {
        // Arrange
        var metadata = Enumerable.Range(0, 17).ToDictionary(i => $"k{i}", i => "v");
        var request = new ChatCompletionRequest { Model = "m", Prompt = "x", Metadata = metadata };

        // Act
        var result = Validator.Validate(request);

        // Assert
        Assert.That(result.Errors.Single().PropertyName, Is.EqualTo("metadata"));
        Assert.That(result.Errors.Single().ErrorMessage, Is.EqualTo("Invalid 'metadata': at most 16 pairs, but got 17."));
    }

    [Test]
    public void Validate_NAboveMaxChoices_IsRefusedNamingTheSetting()
    {
        // Arrange: the defaults (MaxChoices 8).
        var validator = new ChatCompletionRequestValidator(Options.Create(new LimitsOptions()));

        // Act
        var at = validator.Validate(Parse("""{"model":"m","prompt":"x","n":8}"""));
        var above = validator.Validate(Parse("""{"model":"m","prompt":"x","n":9}"""));

        // Assert
        Assert.That(at.Errors, Is.Empty);
        Assert.That(above.Errors.Single().PropertyName, Is.EqualTo("n"));
        Assert.That(above.Errors.Single().ErrorCode, Is.EqualTo("integer_above_max_value"));
        Assert.That(above.Errors.Single().ErrorMessage, Is.EqualTo(
            "Invalid 'n': this gateway serves at most 8 choices per request (setting Languru:Limits:MaxChoices), but got 9."));
    }

    [Test]
    public void Validate_MoreMessagesThanMaxMessages_IsRefusedNamingTheSetting()
    {
        // Arrange
        var validator = new ChatCompletionRequestValidator(Options.Create(new LimitsOptions { MaxMessages = 3 }));
        ChatCompletionRequestMessage User() => new() { Role = "user", Content = MessageContent.FromString("x") };

        // Act
        var at = validator.Validate(new ChatCompletionRequest { Model = "m", Messages = [User(), User(), User()] });
        var above = validator.Validate(new ChatCompletionRequest { Model = "m", Messages = [User(), User(), User(), User()] });

        // Assert
        Assert.That(at.Errors, Is.Empty);
        Assert.That(above.Errors.Single().PropertyName, Is.EqualTo("messages"));
        Assert.That(above.Errors.Single().ErrorCode, Is.EqualTo("array_above_max_length"));
        Assert.That(above.Errors.Single().ErrorMessage, Is.EqualTo(
            "Invalid 'messages': array too long. This gateway accepts at most 3 messages per request (setting Languru:Limits:MaxMessages), but got 4."));
    }
}

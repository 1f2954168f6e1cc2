namespace Languru.Tests.Infrastructure;

/// <summary>Raw OpenAI wire fixtures, in the exact format OpenAI sends (see shared/reference/openai-wire.md).</summary>
public static class OpenAIFixtures
{
    public const string PlainAnswer = """
        {"id":"chatcmpl-up1","object":"chat.completion","created":1700000123,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from upstream!","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":19,"completion_tokens":5,"total_tokens":24,"prompt_tokens_details":{"cached_tokens":16,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":2,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"service_tier":"default","system_fingerprint":"fp_up_1"}
        """;

    public const string Refusal = """
        {"id":"chatcmpl-up2","object":"chat.completion","created":1700000123,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":"I'm sorry, I can't help with that."},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":9,"total_tokens":19}}
        """;

    public const string ToolCallsAnswer = """
        {"id":"chatcmpl-up3","object":"chat.completion","created":1700000123,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Paris\"}"}}]},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42}}
        """;

    /// <summary>A custom tool call (OpenAI's ChatCompletionMessageCustomToolCall) next to a function call.</summary>
    public const string CustomToolCallAnswer = """
        {"id":"chatcmpl-up5","object":"chat.completion","created":1700000123,"model":"gpt-5","choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,"tool_calls":[{"id":"call_c","type":"custom","custom":{"name":"grep","input":"TODO src/"}},{"id":"call_f","type":"function","function":{"name":"count","arguments":"{}"}}]},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42}}
        """;

    /// <summary>The legacy answer to a request with <c>functions</c>: a <c>function_call</c>, content null.</summary>
    public const string LegacyFunctionCallAnswer = """
        {"id":"chatcmpl-up6","object":"chat.completion","created":1700000123,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":null,"function_call":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},"logprobs":null,"finish_reason":"function_call"}],"usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42}}
        """;

    public static string Chunk(string delta, string finish = "null") =>
        $$"""data: {"id":"chatcmpl-up4","object":"chat.completion.chunk","created":1700000123,"model":"gpt-4o-mini","system_fingerprint":"fp_up_2","choices":[{"index":0,"delta":{{delta}},"logprobs":null,"finish_reason":{{finish}}}]}""" + "\n\n";

    public const string UsageChunk =
        """data: {"id":"chatcmpl-up4","object":"chat.completion.chunk","created":1700000123,"model":"gpt-4o-mini","system_fingerprint":"fp_up_2","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}""" + "\n\n";

    public const string Done = "data: [DONE]\n\n";

    /// <summary>A streamed answer with its usage chunk, as OpenAI sends it when asked for usage.</summary>
    public static readonly string[] StreamedAnswer =
    [
        Chunk("""{"role":"assistant","content":"","refusal":null}"""),
        Chunk("""{"content":"Hello"}"""),
        Chunk("""{"content":" there"}"""),
        Chunk("""{"content":"!"}"""),
        Chunk("{}", "\"stop\""),
        UsageChunk,
        Done,
    ];

    /// <summary>Two parallel tool calls whose arguments arrive in many fragments.</summary>
    public static readonly string[] StreamedToolCalls =
    [
        Chunk("""{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_w","type":"function","function":{"name":"get_weather","arguments":""}}],"refusal":null}"""),
        Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"ci"}}]}"""),
        Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"ty\": \"Pa"}}]}"""),
        Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"ris\"}"}}]}"""),
        Chunk("""{"tool_calls":[{"index":1,"id":"call_t","type":"function","function":{"name":"get_time","arguments":""}}]}"""),
        Chunk("""{"tool_calls":[{"index":1,"function":{"arguments":"{\"tz\":"}}]}"""),
        Chunk("""{"tool_calls":[{"index":1,"function":{"arguments":" \"CET\"}"}}]}"""),
        Chunk("{}", "\"tool_calls\""),
        UsageChunk,
        Done,
    ];

    /// <summary>A custom tool call whose input arrives in fragments, as function arguments do.</summary>
    public static readonly string[] StreamedCustomToolCall =
    [
        Chunk("""{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_c","type":"custom","custom":{"name":"grep","input":""}}],"refusal":null}"""),
        Chunk("""{"tool_calls":[{"index":0,"custom":{"input":"TODO"}}]}"""),
        Chunk("""{"tool_calls":[{"index":0,"custom":{"input":" src/"}}]}"""),
        Chunk("{}", "\"tool_calls\""),
        UsageChunk,
        Done,
    ];

    /// <summary>A legacy function call whose arguments arrive in fragments of <c>function_call</c>.</summary>
    public static readonly string[] StreamedLegacyFunctionCall =
    [
        Chunk("""{"role":"assistant","content":null,"function_call":{"name":"get_weather","arguments":""}}"""),
        Chunk("""{"function_call":{"arguments":"{\"city\":"}}"""),
        Chunk("""{"function_call":{"arguments":"\"Paris\"}"}}"""),
        Chunk("{}", "\"function_call\""),
        UsageChunk,
        Done,
    ];

    public static readonly string[] StreamedRefusal =
    [
        Chunk("""{"role":"assistant","content":null,"refusal":""}"""),
        Chunk("""{"refusal":"I can't"}"""),
        Chunk("""{"refusal":" do that."}"""),
        Chunk("{}", "\"stop\""),
        Done,
    ];

    public static string Error(string message, string type, string? param = null, string? code = null) =>
        $$$"""{"error":{"message":"{{{message}}}","type":"{{{type}}}","param":{{{Quoted(param)}}},"code":{{{Quoted(code)}}}}}""";

    private static string Quoted(string? value) => value is null ? "null" : $"\"{value}\"";

    public const string ModelList = """
        {"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"},{"id":"text-embedding-3-small","object":"model","created":1705948997,"owned_by":"system"},{"id":"whisper-1","object":"model","created":1677532384,"owned_by":"openai-internal"}]}
        """;
}

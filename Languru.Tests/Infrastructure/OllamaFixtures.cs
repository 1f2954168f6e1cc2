namespace Languru.Tests.Infrastructure;

/// <summary>Raw Ollama wire fixtures (NDJSON lines), in the format of shared/reference/ollama-wire.md.</summary>
public static class OllamaFixtures
{
    public static string Line(string content, string model = "llama3.2") =>
        $$"""{"model":"{{model}}","created_at":"2023-08-04T08:52:19.385406455-07:00","message":{"role":"assistant","content":"{{content}}"},"done":false}""" + "\n";

    public static string Final(string doneReason = "stop", int prompt = 26, int eval = 282, string model = "llama3.2") =>
        $$"""{"model":"{{model}}","created_at":"2023-08-04T19:22:45.499127Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"{{doneReason}}","total_duration":4883583458,"load_duration":1334875,"prompt_eval_count":{{prompt}},"prompt_eval_duration":342546000,"eval_count":{{eval}},"eval_duration":4535599000}""" + "\n";

    public static readonly string[] StreamedAnswer = [Line("The"), Line(" sky"), Line(" is"), Line(" blue."), Final()];

    /// <summary>Two whole tool calls in one non-final line (one without an id), then the final line.</summary>
    public static readonly string[] StreamedToolCalls =
    [
        """{"model":"llama3.2","created_at":"2024-07-22T20:33:28.123648Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Tokyo","unit":"celsius"}}},{"id":"call_given","function":{"index":1,"name":"get_time","arguments":{"tz":"JST"}}}]},"done":false}""" + "\n",
        Final(prompt: 122, eval: 33),
    ];

    public const string WholeAnswer = """
        {"model":"llama3.2","created_at":"2023-12-12T14:13:43.416799Z","message":{"role":"assistant","content":"Hello! How are you today?"},"done":true,"done_reason":"stop","total_duration":5191566416,"load_duration":2154458,"prompt_eval_count":26,"prompt_eval_duration":383809000,"eval_count":298,"eval_duration":4799921000}
        """;

    public const string Tags = """
        {"models":[{"name":"llama3.2:latest","model":"llama3.2:latest","modified_at":"2024-09-25T14:24:14.806258Z","size":2019393189,"digest":"a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72","details":{"parent_model":"","format":"gguf","family":"llama","families":["llama"],"parameter_size":"3.2B","quantization_level":"Q4_K_M"}},{"name":"qwen2.5-coder:7b","model":"qwen2.5-coder:7b","modified_at":"2024-11-12T09:00:00Z","size":4683087332,"digest":"2b0496514337","details":{"format":"gguf","family":"qwen2","parameter_size":"7.6B","quantization_level":"Q4_K_M"}}]}
        """;

    public static string Error(string message) => $$"""{"error":"{{message}}"}""";

    public static Func<Microsoft.AspNetCore.Http.HttpContext, Task> Ndjson(IEnumerable<string> lines, TimeSpan pause = default, bool breakAtTheEnd = false) =>
        Respond.Stream("application/x-ndjson", lines, pause, breakAtTheEnd);
}

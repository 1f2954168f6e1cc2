using System.Text.Json;
using System.Text.Json.Serialization;

namespace Languru.Providers.Ollama;

// Ollama's native API (POST /api/chat, POST /api/embed, GET /api/tags), as far as the gateway uses it. See shared/reference/ollama-wire.md.

/// <summary>The body of <c>POST /api/chat</c>.</summary>
internal sealed class OllamaChatRequest
{
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    [JsonPropertyName("messages")]
    public required IReadOnlyList<OllamaMessage> Messages { get; init; }

    /// <summary>Always sent: Ollama streams unless told not to.</summary>
    [JsonPropertyName("stream")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required bool Stream { get; init; }

    [JsonPropertyName("tools")]
    public IReadOnlyList<OllamaTool>? Tools { get; init; }

    /// <summary><c>"json"</c> or a JSON Schema object.</summary>
    [JsonPropertyName("format")]
    public JsonElement? Format { get; init; }

    [JsonPropertyName("options")]
    public IReadOnlyDictionary<string, JsonElement>? Options { get; init; }

    /// <summary>A duration string (<c>"5m"</c>) or a number of seconds.</summary>
    [JsonPropertyName("keep_alive")]
    public JsonElement? KeepAlive { get; init; }

    /// <summary>Whether a thinking model thinks (and returns its <c>thinking</c>); sent when the request asks for reasoning effort.</summary>
    [JsonPropertyName("think")]
    public bool? Think { get; init; }
}

internal sealed class OllamaMessage
{
    [JsonPropertyName("role")]
    public required string Role { get; init; }

    [JsonPropertyName("content")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Content { get; init; }

    /// <summary>Base64 images.</summary>
    [JsonPropertyName("images")]
    public IReadOnlyList<string>? Images { get; init; }

    [JsonPropertyName("tool_calls")]
    public IReadOnlyList<OllamaToolCall>? ToolCalls { get; init; }

    /// <summary>On a tool result: the function that produced it.</summary>
    [JsonPropertyName("tool_name")]
    public string? ToolName { get; init; }

    /// <summary>A thinking model's reasoning (answers only): passed on as reasoning content.</summary>
    [JsonPropertyName("thinking")]
    public string? Thinking { get; init; }
}

internal sealed class OllamaToolCall
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("function")]
    public required OllamaFunctionCall Function { get; init; }
}

internal sealed class OllamaFunctionCall
{
    [JsonPropertyName("index")]
    public int? Index { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>A JSON object (not a string, unlike OpenAI).</summary>
    [JsonPropertyName("arguments")]
    public JsonElement Arguments { get; init; }
}

internal sealed class OllamaTool
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "function";

    [JsonPropertyName("function")]
    public required OllamaFunction Function { get; init; }
}

internal sealed class OllamaFunction
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("parameters")]
    public JsonElement? Parameters { get; init; }
}

/// <summary>One NDJSON line of a streamed answer, or the whole answer; an error line has only <see cref="Error"/>.</summary>
internal sealed class OllamaChatResponse
{
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonPropertyName("message")]
    public OllamaMessage? Message { get; init; }

    [JsonPropertyName("done")]
    public bool Done { get; init; }

    [JsonPropertyName("done_reason")]
    public string? DoneReason { get; init; }

    [JsonPropertyName("prompt_eval_count")]
    public int? PromptEvalCount { get; init; }

    [JsonPropertyName("eval_count")]
    public int? EvalCount { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }
}

/// <summary>The body of <c>POST /api/embed</c>.</summary>
internal sealed class OllamaEmbedRequest
{
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    /// <summary>Always an array (Ollama also takes one string).</summary>
    [JsonPropertyName("input")]
    public required IReadOnlyList<string> Input { get; init; }

    /// <summary>Always sent as false: an input longer than the context is an error, as at OpenAI, never cut silently.</summary>
    [JsonPropertyName("truncate")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public bool Truncate { get; init; }

    [JsonPropertyName("dimensions")]
    public int? Dimensions { get; init; }

    [JsonPropertyName("options")]
    public IReadOnlyDictionary<string, JsonElement>? Options { get; init; }

    /// <summary>A duration string (<c>"5m"</c>) or a number of seconds.</summary>
    [JsonPropertyName("keep_alive")]
    public JsonElement? KeepAlive { get; init; }
}

/// <summary>The answer of <c>POST /api/embed</c>: one vector per input, in order.</summary>
internal sealed class OllamaEmbedResponse
{
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("embeddings")]
    public IReadOnlyList<float[]>? Embeddings { get; init; }

    [JsonPropertyName("prompt_eval_count")]
    public int? PromptEvalCount { get; init; }
}

internal sealed class OllamaTagsResponse
{
    [JsonPropertyName("models")]
    public IReadOnlyList<OllamaModel>? Models { get; init; }
}

internal sealed class OllamaModel
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("modified_at")]
    public DateTimeOffset? ModifiedAt { get; init; }
}

internal sealed class OllamaError
{
    [JsonPropertyName("error")]
    public string? Error { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(OllamaChatRequest))]
[JsonSerializable(typeof(OllamaChatResponse))]
[JsonSerializable(typeof(OllamaEmbedRequest))]
[JsonSerializable(typeof(OllamaEmbedResponse))]
[JsonSerializable(typeof(OllamaTagsResponse))]
[JsonSerializable(typeof(OllamaError))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class OllamaJsonContext : JsonSerializerContext;

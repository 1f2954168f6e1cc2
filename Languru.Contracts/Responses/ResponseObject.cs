using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>
/// A response: <c>object: "response"</c>, its <c>output</c> items, <c>status</c>, <c>usage</c>, and the request's
/// settings echoed as OpenAI echoes them (defaults filled in). Keys OpenAI always sends are present even when null.
/// (OpenAI's schema is named <c>Response</c>; here <c>ResponseObject</c>, since a type <c>Response</c> would collide
/// with fetch's <c>Response</c> in generated TypeScript clients and with <c>ControllerBase.Response</c>.)
/// </summary>
public sealed record ResponseObject
{
    /// <summary>A unique id, <c>resp_…</c>.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Always <c>response</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType { get; init; } = "response";

    /// <summary>When the response was created, in Unix seconds.</summary>
    [JsonPropertyName("created_at")]
    public required long CreatedAt { get; init; }

    /// <summary><c>in_progress</c>, <c>completed</c>, <c>incomplete</c> or <c>failed</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; set; }

    /// <summary>When the response completed, in Unix seconds; null unless <c>completed</c>.</summary>
    [JsonPropertyName("completed_at")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long? CompletedAt { get; set; }

    /// <summary>Why the response failed; null unless <c>failed</c>.</summary>
    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ResponseError? Error { get; set; }

    /// <summary>Why the response is incomplete; null unless <c>incomplete</c>.</summary>
    [JsonPropertyName("incomplete_details")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ResponseIncompleteDetails? IncompleteDetails { get; set; }

    /// <summary>The request's <c>instructions</c>.</summary>
    [JsonPropertyName("instructions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Instructions { get; init; }

    /// <summary>The request's <c>max_output_tokens</c>.</summary>
    [JsonPropertyName("max_output_tokens")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? MaxOutputTokens { get; init; }

    /// <summary>The model name the client asked for.</summary>
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    /// <summary>The items the model produced: <c>reasoning</c>, <c>message</c>, <c>function_call</c>.</summary>
    [JsonPropertyName("output")]
    public IReadOnlyList<ResponseItem> Output { get; set; } = [];

    /// <summary>The request's <c>parallel_tool_calls</c> (default true).</summary>
    [JsonPropertyName("parallel_tool_calls")]
    public bool ParallelToolCalls { get; init; } = true;

    /// <summary>The request's <c>previous_response_id</c>.</summary>
    [JsonPropertyName("previous_response_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? PreviousResponseId { get; init; }

    /// <summary>The request's <c>reasoning</c> settings.</summary>
    [JsonPropertyName("reasoning")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ResponseReasoning? Reasoning { get; init; }

    /// <summary>Whether the gateway stored the response.</summary>
    [JsonPropertyName("store")]
    public bool Store { get; init; } = true;

    /// <summary>The request's <c>temperature</c> (default 1).</summary>
    [JsonPropertyName("temperature")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? Temperature { get; init; }

    /// <summary>The request's <c>text</c> settings (default format <c>text</c>).</summary>
    [JsonPropertyName("text")]
    public ResponseTextOptions? Text { get; init; }

    /// <summary>The request's <c>tool_choice</c> (default <c>auto</c>).</summary>
    [JsonPropertyName("tool_choice")]
    public required ResponseToolChoice ToolChoice { get; init; }

    /// <summary>The request's <c>tools</c>.</summary>
    [JsonPropertyName("tools")]
    public IReadOnlyList<ResponseTool> Tools { get; init; } = [];

    /// <summary>The request's <c>top_p</c> (default 1).</summary>
    [JsonPropertyName("top_p")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? TopP { get; init; }

    /// <summary>Always <c>disabled</c>.</summary>
    [JsonPropertyName("truncation")]
    public string Truncation { get; init; } = "disabled";

    /// <summary>Token counts; absent until the response has finished.</summary>
    [JsonPropertyName("usage")]
    public ResponseUsage? Usage { get; set; }

    /// <summary>The request's <c>user</c>.</summary>
    [JsonPropertyName("user")]
    public string? User { get; init; }

    /// <summary>The request's <c>safety_identifier</c>.</summary>
    [JsonPropertyName("safety_identifier")]
    public string? SafetyIdentifier { get; init; }

    /// <summary>The request's <c>service_tier</c>.</summary>
    [JsonPropertyName("service_tier")]
    public string? ServiceTier { get; init; }

    /// <summary>The request's <c>metadata</c> (default empty).</summary>
    [JsonPropertyName("metadata")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Always false: the gateway does not run responses in the background.</summary>
    [JsonPropertyName("background")]
    public bool Background { get; init; }
}

using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>
/// One item of a conversation, in input or output: a <c>message</c> (with <c>role</c> and <c>content</c>), a
/// <c>function_call</c> (<c>call_id</c>, <c>name</c>, <c>arguments</c>), a <c>function_call_output</c>
/// (<c>call_id</c>, <c>output</c>) or a <c>reasoning</c> item (<c>summary</c>, <c>content</c>). One flat type: each
/// kind sets its own fields, the others stay null and are left out.
/// </summary>
public sealed class ResponseItem
{
    /// <summary><c>message</c> (may be omitted in input), <c>function_call</c>, <c>function_call_output</c> or <c>reasoning</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The item's id: <c>msg_…</c>, <c>fc_…</c>, <c>fco_…</c> or <c>rs_…</c>.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary><c>in_progress</c>, <c>completed</c> or <c>incomplete</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>A message's role: <c>user</c>, <c>assistant</c>, <c>system</c> or <c>developer</c>.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; set; }

    /// <summary>A message's content: a string (input only) or parts; a reasoning item's <c>reasoning_text</c> parts.</summary>
    [JsonPropertyName("content")]
    public ResponseContent? Content { get; set; }

    /// <summary>The id that ties a function call to its output.</summary>
    [JsonPropertyName("call_id")]
    public string? CallId { get; set; }

    /// <summary>The called function's name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The function call's arguments, as the JSON text the model produced.</summary>
    [JsonPropertyName("arguments")]
    public string? Arguments { get; set; }

    /// <summary>A function call's result: a string or content parts.</summary>
    [JsonPropertyName("output")]
    public ResponseContent? Output { get; set; }

    /// <summary>A reasoning item's summary parts (the gateway's providers give none: always empty).</summary>
    [JsonPropertyName("summary")]
    public IReadOnlyList<ResponseContentPart>? Summary { get; set; }
}

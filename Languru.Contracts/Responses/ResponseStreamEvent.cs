using System.Text.Json;
using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>
/// One server-sent event of a streamed response (<c>event: {type}</c>, <c>data: {json}</c>). One flat type: each
/// event type sets its own fields (see OpenAI's <c>ResponseStreamEvent</c>), the others stay null and are left out.
/// </summary>
public sealed class ResponseStreamEvent
{
    /// <summary><c>response.created</c>, <c>response.output_text.delta</c>, <c>response.completed</c>, ….</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>Increases by one with every event of the stream, from 0.</summary>
    [JsonPropertyName("sequence_number")]
    public int SequenceNumber { get; set; }

    /// <summary>The response (<c>response.created</c>, <c>.in_progress</c>, <c>.completed</c>, <c>.incomplete</c>, <c>.failed</c>).</summary>
    [JsonPropertyName("response")]
    public ResponseObject? Response { get; init; }

    /// <summary>The position of the item in <c>output</c>.</summary>
    [JsonPropertyName("output_index")]
    public int? OutputIndex { get; init; }

    /// <summary>The item's id.</summary>
    [JsonPropertyName("item_id")]
    public string? ItemId { get; init; }

    /// <summary>The position of the part in the item's content.</summary>
    [JsonPropertyName("content_index")]
    public int? ContentIndex { get; init; }

    /// <summary>The item (<c>response.output_item.added</c>, <c>.done</c>).</summary>
    [JsonPropertyName("item")]
    public ResponseItem? Item { get; init; }

    /// <summary>The content part (<c>response.content_part.added</c>, <c>.done</c>).</summary>
    [JsonPropertyName("part")]
    public ResponseContentPart? Part { get; init; }

    /// <summary>The next piece of text or arguments (<c>….delta</c>).</summary>
    [JsonPropertyName("delta")]
    public string? Delta { get; init; }

    /// <summary>The whole text (<c>response.output_text.done</c>, <c>response.reasoning_text.done</c>).</summary>
    [JsonPropertyName("text")]
    public string? Text { get; init; }

    /// <summary>The whole refusal text (<c>response.refusal.done</c>).</summary>
    [JsonPropertyName("refusal")]
    public string? Refusal { get; init; }

    /// <summary>The function's name (<c>response.function_call_arguments.done</c>).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The whole arguments text (<c>response.function_call_arguments.done</c>).</summary>
    [JsonPropertyName("arguments")]
    public string? Arguments { get; init; }

    /// <summary>Log probabilities of output text deltas (always empty from this gateway).</summary>
    [JsonPropertyName("logprobs")]
    public IReadOnlyList<JsonElement>? Logprobs { get; init; }
}

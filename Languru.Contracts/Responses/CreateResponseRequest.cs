using System.Text.Json;
using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>
/// The body of <c>POST /v1/responses</c>: OpenAI's <c>CreateResponse</c>. Every provider serves it: the gateway
/// translates it onto the same chat pipeline as <c>/v1/chat/completions</c>. Fields the gateway cannot honour
/// (built-in tools, <c>background</c>, <c>conversation</c>, prompt templates, …) are refused with a 400 naming them;
/// fields it does not know at all are accepted and ignored.
/// </summary>
public sealed class CreateResponseRequest
{
    /// <summary>The model to use, e.g. <c>default</c>, <c>gpt-4o-mini</c> or <c>provider/model</c>.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary>The input: a string (one user message) or a list of items (messages, function calls and their outputs).</summary>
    [JsonPropertyName("input")]
    public ResponseInput? Input { get; set; }

    /// <summary>A system (developer) message put before the input. Not carried over by <c>previous_response_id</c>.</summary>
    [JsonPropertyName("instructions")]
    public string? Instructions { get; set; }

    /// <summary>Function tools the model may call (flat shape: <c>{"type":"function","name":…}</c>).</summary>
    [JsonPropertyName("tools")]
    public IReadOnlyList<ResponseTool>? Tools { get; set; }

    /// <summary><c>none</c>, <c>auto</c>, <c>required</c>, or <c>{"type":"function","name":…}</c>.</summary>
    [JsonPropertyName("tool_choice")]
    public ResponseToolChoice? ToolChoice { get; set; }

    /// <summary>Whether the model may call several tools in one turn.</summary>
    [JsonPropertyName("parallel_tool_calls")]
    public bool? ParallelToolCalls { get; set; }

    /// <summary>The output format: text, any JSON object, or JSON matching a schema.</summary>
    [JsonPropertyName("text")]
    public ResponseTextOptions? Text { get; set; }

    /// <summary>Sampling temperature, 0 to 2.</summary>
    [JsonPropertyName("temperature")]
    public double? Temperature { get; set; }

    /// <summary>Nucleus sampling probability mass, 0 to 1.</summary>
    [JsonPropertyName("top_p")]
    public double? TopP { get; set; }

    /// <summary>The maximum number of output tokens (at least 16), including reasoning tokens.</summary>
    [JsonPropertyName("max_output_tokens")]
    public int? MaxOutputTokens { get; set; }

    /// <summary>Reasoning settings for reasoning models (<c>effort</c>).</summary>
    [JsonPropertyName("reasoning")]
    public ResponseReasoning? Reasoning { get; set; }

    /// <summary>Up to 16 key/value pairs kept with the response.</summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; set; }

    /// <summary>A stable identifier for the end user (deprecated by OpenAI in favour of <c>safety_identifier</c>).</summary>
    [JsonPropertyName("user")]
    public string? User { get; set; }

    /// <summary>A stable identifier for the end user, used for safety monitoring.</summary>
    [JsonPropertyName("safety_identifier")]
    public string? SafetyIdentifier { get; set; }

    /// <summary>A key OpenAI uses to improve prompt cache hits (forwarded).</summary>
    [JsonPropertyName("prompt_cache_key")]
    public string? PromptCacheKey { get; set; }

    /// <summary>Whether the gateway keeps the response for <c>GET</c> and <c>previous_response_id</c>. Defaults to true.</summary>
    [JsonPropertyName("store")]
    public bool? Store { get; set; }

    /// <summary>Continues the conversation of a stored response: its input and output come before this input.</summary>
    [JsonPropertyName("previous_response_id")]
    public string? PreviousResponseId { get; set; }

    /// <summary>When true the answer is streamed as server-sent events. Absent means false.</summary>
    [JsonPropertyName("stream")]
    public bool? Stream { get; set; }

    /// <summary>Streaming options (accepted; the gateway adds no obfuscation).</summary>
    [JsonPropertyName("stream_options")]
    public JsonElement? StreamOptions { get; set; }

    /// <summary>The upstream processing tier (echoed).</summary>
    [JsonPropertyName("service_tier")]
    public string? ServiceTier { get; set; }

    /// <summary><c>disabled</c> (the default). <c>auto</c> is refused: the gateway does not truncate conversations.</summary>
    [JsonPropertyName("truncation")]
    public string? Truncation { get; set; }

    /// <summary>Refused when true: the gateway does not run responses in the background.</summary>
    [JsonPropertyName("background")]
    public bool? Background { get; set; }

    /// <summary>Refused: the gateway keeps no conversations (use <c>previous_response_id</c>).</summary>
    [JsonPropertyName("conversation")]
    public JsonElement? Conversation { get; set; }

    /// <summary>Refused: the gateway has no prompt templates.</summary>
    [JsonPropertyName("prompt")]
    public JsonElement? Prompt { get; set; }

    /// <summary>Refused when not empty: the gateway cannot add the extra output data.</summary>
    [JsonPropertyName("include")]
    public IReadOnlyList<string>? Include { get; set; }

    /// <summary>Refused: the gateway returns no log probabilities on this endpoint.</summary>
    [JsonPropertyName("top_logprobs")]
    public int? TopLogprobs { get; set; }

    /// <summary>Refused: the gateway runs no tools itself, so it cannot count built-in tool calls.</summary>
    [JsonPropertyName("max_tool_calls")]
    public int? MaxToolCalls { get; set; }

    /// <summary>Refused: the gateway does no context management.</summary>
    [JsonPropertyName("context_management")]
    public JsonElement? ContextManagement { get; set; }

    /// <summary>Fields this gateway does not model. They are accepted and ignored.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

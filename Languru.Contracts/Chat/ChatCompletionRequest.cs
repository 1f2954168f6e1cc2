using System.Text.Json;
using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>
/// The body of <c>POST /v1/chat/completions</c>: OpenAI's chat completion request, plus the <c>prompt</c> shorthand.
/// Unknown fields are accepted (and forwarded by providers that pass fields through).
/// </summary>
public sealed class ChatCompletionRequest
{
    /// <summary>The model to use, e.g. <c>default</c>, <c>echo</c>, <c>gpt-4o-mini</c> or <c>provider/model</c>.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary>The conversation so far. Required unless <c>prompt</c> is given. At most <c>Languru:Limits:MaxMessages</c> (default 2,048).</summary>
    [JsonPropertyName("messages")]
    public IReadOnlyList<ChatCompletionRequestMessage>? Messages { get; set; }

    /// <summary>Shorthand for a single user message. Send either <c>prompt</c> or <c>messages</c>, not both.</summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    /// <summary>Sampling temperature, 0 to 2.</summary>
    [JsonPropertyName("temperature")]
    public double? Temperature { get; set; }

    /// <summary>Nucleus sampling probability mass, 0 to 1.</summary>
    [JsonPropertyName("top_p")]
    public double? TopP { get; set; }

    /// <summary>How many choices to generate, 1 to 128 (this gateway: at most <c>Languru:Limits:MaxChoices</c>, default 8). Defaults to 1.</summary>
    [JsonPropertyName("n")]
    public int? N { get; set; }

    /// <summary>The maximum number of tokens to generate (deprecated by OpenAI in favour of <c>max_completion_tokens</c>).</summary>
    [JsonPropertyName("max_tokens")]
    public int? MaxTokens { get; set; }

    /// <summary>The maximum number of tokens to generate, including reasoning tokens.</summary>
    [JsonPropertyName("max_completion_tokens")]
    public int? MaxCompletionTokens { get; set; }

    /// <summary>Up to 4 sequences where generation stops: a string or an array of strings.</summary>
    [JsonPropertyName("stop")]
    public StopSequences? Stop { get; set; }

    /// <summary>Penalty for tokens already present, -2 to 2.</summary>
    [JsonPropertyName("presence_penalty")]
    public double? PresencePenalty { get; set; }

    /// <summary>Penalty proportional to token frequency, -2 to 2.</summary>
    [JsonPropertyName("frequency_penalty")]
    public double? FrequencyPenalty { get; set; }

    /// <summary>Token id (as a string) to bias, -100 to 100.</summary>
    [JsonPropertyName("logit_bias")]
    public IReadOnlyDictionary<string, int>? LogitBias { get; set; }

    /// <summary>Whether to return log probabilities of the output tokens.</summary>
    [JsonPropertyName("logprobs")]
    public bool? Logprobs { get; set; }

    /// <summary>How many most likely tokens to return at each position, 0 to 20. Requires <c>logprobs</c>.</summary>
    [JsonPropertyName("top_logprobs")]
    public int? TopLogprobs { get; set; }

    /// <summary>Seed for best-effort deterministic sampling.</summary>
    [JsonPropertyName("seed")]
    public long? Seed { get; set; }

    /// <summary>The output format: text, any JSON object, or JSON matching a schema.</summary>
    [JsonPropertyName("response_format")]
    public ResponseFormat? ResponseFormat { get; set; }

    /// <summary>Functions the model may call.</summary>
    [JsonPropertyName("tools")]
    public IReadOnlyList<ChatTool>? Tools { get; set; }

    /// <summary>
    /// A string, <c>none</c>, <c>auto</c> or <c>required</c>, or a <c>NamedToolChoice</c>:
    /// <c>{"type":"function","function":{"name":…}}</c>.
    /// </summary>
    [JsonPropertyName("tool_choice")]
    public ToolChoice? ToolChoice { get; set; }

    /// <summary>Whether the model may call several tools in one turn.</summary>
    [JsonPropertyName("parallel_tool_calls")]
    public bool? ParallelToolCalls { get; set; }

    /// <summary>When true the answer is streamed as server-sent events. Absent means false.</summary>
    [JsonPropertyName("stream")]
    public bool? Stream { get; set; }

    /// <summary>Options for streaming; only meaningful with <c>stream: true</c>.</summary>
    [JsonPropertyName("stream_options")]
    public StreamOptions? StreamOptions { get; set; }

    /// <summary>A stable identifier for the end user.</summary>
    [JsonPropertyName("user")]
    public string? User { get; set; }

    /// <summary>A stable identifier for the end user, used by OpenAI for safety monitoring; at most 64 characters.</summary>
    [JsonPropertyName("safety_identifier")]
    public string? SafetyIdentifier { get; set; }

    /// <summary>A key OpenAI uses to improve prompt cache hits.</summary>
    [JsonPropertyName("prompt_cache_key")]
    public string? PromptCacheKey { get; set; }

    /// <summary>Whether the upstream should store the completion.</summary>
    [JsonPropertyName("store")]
    public bool? Store { get; set; }

    /// <summary>Up to 16 key/value pairs attached to the completion.</summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; set; }

    /// <summary>The upstream processing tier: <c>auto</c>, <c>default</c>, <c>flex</c>, <c>scale</c>, <c>priority</c> or <c>fast</c>.</summary>
    [JsonPropertyName("service_tier")]
    public string? ServiceTier { get; set; }

    /// <summary>Reasoning effort for reasoning models: <c>none</c>, <c>minimal</c>, <c>low</c>, <c>medium</c>, <c>high</c>, <c>xhigh</c> or <c>max</c>.</summary>
    [JsonPropertyName("reasoning_effort")]
    public string? ReasoningEffort { get; set; }

    /// <summary>Output verbosity for models that support it: <c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    [JsonPropertyName("verbosity")]
    public string? Verbosity { get; set; }

    /// <summary>Output types the model should produce: <c>["text"]</c>. <c>audio</c> is refused with a 400, since the gateway cannot pass audio answers back.</summary>
    [JsonPropertyName("modalities")]
    public IReadOnlyList<string>? Modalities { get; set; }

    /// <summary>Audio output parameters. Refused with a 400: the gateway cannot pass audio answers back.</summary>
    [JsonPropertyName("audio")]
    public JsonElement? Audio { get; set; }

    /// <summary>Predicted output content (passed through as JSON).</summary>
    [JsonPropertyName("prediction")]
    public JsonElement? Prediction { get; set; }

    /// <summary>Web search options (passed through as JSON).</summary>
    [JsonPropertyName("web_search_options")]
    public JsonElement? WebSearchOptions { get; set; }

    /// <summary>Fields this gateway does not model. They are accepted and ignored unless a provider forwards them.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

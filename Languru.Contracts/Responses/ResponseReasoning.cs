using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>Reasoning settings: <c>effort</c> (and <c>summary</c>, echoed only).</summary>
public sealed class ResponseReasoning
{
    /// <summary><c>none</c>, <c>minimal</c>, <c>low</c>, <c>medium</c>, <c>high</c> or <c>xhigh</c>.</summary>
    [JsonPropertyName("effort")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Effort { get; set; }

    /// <summary><c>auto</c>, <c>concise</c> or <c>detailed</c> (the gateway's providers give no summaries).</summary>
    [JsonPropertyName("summary")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Summary { get; set; }
}

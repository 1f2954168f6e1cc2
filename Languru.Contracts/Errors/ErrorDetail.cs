using System.Text.Json.Serialization;

namespace Languru.Contracts.Errors;

/// <summary>What went wrong. All four keys are always present.</summary>
public sealed class ErrorDetail
{
    /// <summary>A human-readable explanation.</summary>
    [JsonPropertyName("message")]
    public required string Message { get; init; }

    /// <summary>
    /// The error class: <c>invalid_request_error</c>, <c>rate_limit_error</c>, <c>server_error</c>,
    /// <c>api_error</c> or <c>timeout_error</c>.
    /// </summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>The request field at fault, e.g. <c>messages[1].role</c>, or null.</summary>
    [JsonPropertyName("param")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Param { get; init; }

    /// <summary>A machine-readable code, e.g. <c>invalid_value</c> or <c>model_not_found</c>, or null.</summary>
    [JsonPropertyName("code")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Code { get; init; }
}

using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>Why a response failed: one of OpenAI's response error codes (<c>server_error</c>, <c>rate_limit_exceeded</c>, …) and a message.</summary>
public sealed class ResponseError
{
    /// <summary>The error code.</summary>
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    /// <summary>What went wrong (never secrets or message content).</summary>
    [JsonPropertyName("message")]
    public required string Message { get; init; }
}

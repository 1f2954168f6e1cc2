using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary>The <c>text</c> settings: the output <c>format</c> and <c>verbosity</c>.</summary>
public sealed class ResponseTextOptions
{
    /// <summary>The output format; <c>{"type":"text"}</c> when not given.</summary>
    [JsonPropertyName("format")]
    public ResponseTextFormat? Format { get; set; }

    /// <summary><c>low</c>, <c>medium</c> or <c>high</c>, for models that support it (forwarded).</summary>
    [JsonPropertyName("verbosity")]
    public string? Verbosity { get; set; }
}

using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>Options for a streamed answer.</summary>
public sealed class StreamOptions
{
    /// <summary>When true, one last chunk before <c>[DONE]</c> carries the usage of the whole request, with <c>choices: []</c>.</summary>
    [JsonPropertyName("include_usage")]
    public bool? IncludeUsage { get; set; }
}

using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>A fragment of a streamed function call.</summary>
public sealed class FunctionCallDelta
{
    /// <summary>The function name (first fragment only).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The next piece of the arguments string; <c>""</c> on the first fragment when none arrived yet.</summary>
    [JsonPropertyName("arguments")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Arguments { get; init; } = "";
}

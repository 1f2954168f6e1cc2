using System.Text.Json.Serialization;

namespace Languru.Contracts.Responses;

/// <summary><c>tool_choice</c>: a mode (<c>none</c>, <c>auto</c>, <c>required</c>) or a named function.</summary>
[JsonConverter(typeof(ResponseToolChoiceJsonConverter))]
public sealed class ResponseToolChoice
{
    /// <summary>The model decides.</summary>
    public const string Auto = "auto";

    /// <summary>Creates a mode.</summary>
    /// <param name="mode">The mode.</param>
    public ResponseToolChoice(string mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        Mode = mode;
    }

    /// <summary>Creates a named choice.</summary>
    /// <param name="named">The named function.</param>
    public ResponseToolChoice(ResponseNamedToolChoice named)
    {
        ArgumentNullException.ThrowIfNull(named);
        Named = named;
    }

    /// <summary>The mode, when a string was sent.</summary>
    public string? Mode { get; }

    /// <summary>The named function, when an object was sent.</summary>
    public ResponseNamedToolChoice? Named { get; }
}

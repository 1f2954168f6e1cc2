using System.Text.Json.Serialization;

namespace Languru.Contracts.Chat;

/// <summary>
/// Which tool the model should call: the mode <c>none</c>, <c>auto</c> or <c>required</c> (sent as a string), or one
/// named function (sent as <c>{"type":"function","function":{"name":…}}</c>).
/// </summary>
[JsonConverter(typeof(ToolChoiceJsonConverter))]
public sealed class ToolChoice
{
    /// <summary>The mode <c>none</c>.</summary>
    public const string None = "none";

    /// <summary>The mode <c>auto</c>.</summary>
    public const string Auto = "auto";

    /// <summary>The mode <c>required</c>.</summary>
    public const string Required = "required";

    private ToolChoice(string? mode, NamedToolChoice? named)
    {
        Mode = mode;
        Named = named;
    }

    /// <summary>The mode, when sent as a string.</summary>
    public string? Mode { get; }

    /// <summary>The named tool, when sent as an object.</summary>
    public NamedToolChoice? Named { get; }

    /// <summary>A mode: <c>none</c>, <c>auto</c> or <c>required</c>.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>The tool choice.</returns>
    public static ToolChoice FromMode(string mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        return new ToolChoice(mode, null);
    }

    /// <summary>One named function.</summary>
    /// <param name="named">The function to call.</param>
    /// <returns>The tool choice.</returns>
    public static ToolChoice FromNamed(NamedToolChoice named)
    {
        ArgumentNullException.ThrowIfNull(named);
        return new ToolChoice(null, named);
    }
}

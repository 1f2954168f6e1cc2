using Microsoft.Extensions.AI;

namespace Languru.Providers.Chat;

/// <summary>
/// A fragment of a custom tool call as it streams, like <see cref="FunctionCallUpdateContent"/>: the first fragment
/// carries the call's id and the tool's name, later ones more of the input. Fragments of one call share
/// <see cref="Index"/>.
/// </summary>
public sealed class CustomToolCallUpdateContent : AIContent
{
    /// <summary>Creates a fragment.</summary>
    /// <param name="index">The position of the call in the message.</param>
    /// <param name="callId">The call id, on the first fragment.</param>
    /// <param name="name">The tool's name, on the first fragment.</param>
    /// <param name="inputFragment">The next piece of the input (may be empty).</param>
    public CustomToolCallUpdateContent(int index, string? callId, string? name, string inputFragment)
    {
        Index = index;
        CallId = callId;
        Name = name;
        InputFragment = inputFragment ?? "";
    }

    /// <summary>The position of the call in the message.</summary>
    public int Index { get; }

    /// <summary>The call id, on the first fragment.</summary>
    public string? CallId { get; }

    /// <summary>The tool's name, on the first fragment.</summary>
    public string? Name { get; }

    /// <summary>The next piece of the input.</summary>
    public string InputFragment { get; }
}

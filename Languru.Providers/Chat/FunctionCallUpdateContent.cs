using Microsoft.Extensions.AI;

namespace Languru.Providers.Chat;

/// <summary>
/// A fragment of a function call as it streams: the first fragment of a call carries its id and name, later ones
/// only more of the arguments text. Fragments of one call share <see cref="Index"/>. Microsoft.Extensions.AI has no
/// streamed form of a call (its <see cref="FunctionCallContent"/> is whole), and a gateway must not hold fragments back.
/// </summary>
public sealed class FunctionCallUpdateContent : AIContent
{
    /// <summary>Creates a fragment.</summary>
    /// <param name="index">The position of the call in the message.</param>
    /// <param name="callId">The call id, on the first fragment.</param>
    /// <param name="name">The function name, on the first fragment.</param>
    /// <param name="argumentsFragment">The next piece of the arguments text (may be empty).</param>
    public FunctionCallUpdateContent(int index, string? callId, string? name, string argumentsFragment)
    {
        Index = index;
        CallId = callId;
        Name = name;
        ArgumentsFragment = argumentsFragment ?? "";
    }

    /// <summary>The position of the call in the message.</summary>
    public int Index { get; }

    /// <summary>The call id, on the first fragment.</summary>
    public string? CallId { get; }

    /// <summary>The function name, on the first fragment.</summary>
    public string? Name { get; }

    /// <summary>The next piece of the arguments text.</summary>
    public string ArgumentsFragment { get; }
}

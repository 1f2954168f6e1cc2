using Microsoft.Extensions.AI;

namespace Languru.Providers.Chat;

/// <summary>
/// A model's call of a custom tool (OpenAI's <c>tool_calls[].type: custom</c>): free-form input text rather than JSON
/// arguments. Microsoft.Extensions.AI has no type for it.
/// </summary>
public sealed class CustomToolCallContent : AIContent
{
    /// <summary>Creates the call.</summary>
    /// <param name="callId">The call id.</param>
    /// <param name="name">The custom tool's name.</param>
    /// <param name="input">The input the model produced, verbatim.</param>
    public CustomToolCallContent(string callId, string name, string input)
    {
        CallId = callId;
        Name = name;
        Input = input;
    }

    /// <summary>The call id, answered by a tool message's <c>tool_call_id</c>.</summary>
    public string CallId { get; }

    /// <summary>The custom tool's name.</summary>
    public string Name { get; }

    /// <summary>The input the model produced, verbatim.</summary>
    public string Input { get; }
}

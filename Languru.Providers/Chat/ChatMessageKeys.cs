namespace Languru.Providers.Chat;

/// <summary>
/// Keys of <see cref="Microsoft.Extensions.AI.ChatMessage.AdditionalProperties"/>. A message field that
/// Microsoft.Extensions.AI has no type for is stored under its OpenAI wire name with its JSON as a
/// <see cref="System.Text.Json.JsonElement"/>, so an OpenAI-type provider can send it as the client did; the request's
/// <see cref="ChatOptionKeys.OpenAIOnlyTools"/> then names the first such field, so other providers can refuse it.
/// Keys starting with <c>languru.</c> are the gateway's own and never forwarded.
/// </summary>
public static class ChatMessageKeys
{
    /// <summary>
    /// An assistant message's <c>tool_calls</c>, as sent, when one of them is a <c>custom</c> tool call. The function
    /// calls among them are also in the message's contents.
    /// </summary>
    public const string ToolCalls = "tool_calls";

    /// <summary>An assistant message's legacy <c>function_call</c> (<c>{"name","arguments"}</c>), as sent.</summary>
    public const string FunctionCall = "function_call";

    /// <summary>
    /// Present (<see langword="true"/>) on a <see cref="Microsoft.Extensions.AI.ChatRole.Tool"/> message that came as a
    /// legacy <c>function</c> message (its function's name is the message's author name), so an OpenAI-type provider
    /// sends it back in that form.
    /// </summary>
    public const string FunctionResult = "languru.function_result";
}

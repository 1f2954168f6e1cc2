namespace Languru.Providers.Chat;

/// <summary>
/// Keys of <see cref="Microsoft.Extensions.AI.ChatOptions.AdditionalProperties"/>. Every request field that
/// <see cref="Microsoft.Extensions.AI.ChatOptions"/> has no property for (known ones such as <c>logit_bias</c> or
/// <c>user</c>, and fields the gateway does not know at all) is stored under its OpenAI wire name with its JSON as a
/// <see cref="System.Text.Json.JsonElement"/>, so an OpenAI-compatible provider can forward it unchanged and other
/// providers can pick what they understand. Keys starting with <c>languru.</c> are the gateway's own and never forwarded.
/// </summary>
public static partial class ChatOptionKeys
{
    /// <summary>Fields an OpenAI-type provider writes itself; a client's extra field of the same name is never forwarded.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "model", "messages", "stream", "stream_options", "n" };

    /// <summary>The prefix of the gateway's own keys.</summary>
    public const string InternalPrefix = "languru.";

    /// <summary>Present when the client sent <c>max_tokens</c> (rather than <c>max_completion_tokens</c>).</summary>
    public const string MaxTokens = "max_tokens";

    /// <summary><c>response_format.json_schema.strict</c>, a <see cref="bool"/> (Microsoft.Extensions.AI's format has no place for it).</summary>
    public const string JsonSchemaStrict = "languru.json_schema_strict";

    /// <summary>
    /// The names of the request fields the gateway does not know (a <see cref="IReadOnlyList{T}"/> of strings), so a
    /// provider can choose whether to forward them.
    /// </summary>
    public const string UnknownFields = "languru.unknown_fields";

    /// <summary>
    /// Present (the first such field, e.g. <c>tools[1]</c>, a string) when the request uses custom tools or an
    /// <c>allowed_tools</c>/<c>custom</c> tool choice. Then <c>tools</c> and <c>tool_choice</c> are under their wire names as
    /// sent, and <see cref="Microsoft.Extensions.AI.ChatOptions.Tools"/> is empty: only a provider that forwards them
    /// can honour the request; others refuse it naming this field. Also present (e.g. <c>messages[1].tool_calls[0]</c>,
    /// <c>messages[1].function_call</c>) when only a message carries a custom tool call or a legacy function call
    /// (see <see cref="ChatMessageKeys"/>).
    /// </summary>
    public const string OpenAIOnlyTools = "languru.openai_only_tools";

    /// <summary>
    /// Whether an extra field may be forwarded to an OpenAI-compatible upstream under its name: not one the provider
    /// writes itself (<c>model</c>, <c>messages</c>, <c>stream</c>, <c>stream_options</c>, <c>n</c>), not the gateway's
    /// own (<see cref="InternalPrefix"/>), and a plain identifier of at most 64 characters.
    /// </summary>
    /// <param name="name">The field's name.</param>
    /// <returns>Whether it may be forwarded.</returns>
    public static bool IsForwardable(string name) =>
        !Reserved.Contains(name) && !name.StartsWith(InternalPrefix, StringComparison.Ordinal) && FieldName().IsMatch(name);

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial System.Text.RegularExpressions.Regex FieldName();
}

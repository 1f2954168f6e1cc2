namespace Languru.Providers.Chat;

/// <summary>
/// Keys of a <see cref="Microsoft.Extensions.AI.ChatResponse"/>'s (or update's) <c>AdditionalProperties</c> for
/// upstream response fields the gateway passes back to the client.
/// </summary>
public static class ChatResponseKeys
{
    /// <summary>The upstream's <c>system_fingerprint</c>, a string.</summary>
    public const string SystemFingerprint = "system_fingerprint";

    /// <summary>The upstream's <c>service_tier</c>, a string.</summary>
    public const string ServiceTier = "service_tier";

    /// <summary>The choice's <c>logprobs</c> object as the upstream sent it, a <see cref="System.Text.Json.JsonElement"/>.</summary>
    public const string Logprobs = "logprobs";

    /// <summary>
    /// Present (<see langword="true"/>) when the message or delta carries a legacy <c>function_call</c>, which the API
    /// writes back from the upstream's own JSON: a delta that carries only a piece of it is still a chunk, and the
    /// message's content is then <c>null</c> when it has no text, as OpenAI sends it.
    /// </summary>
    public const string FunctionCall = "function_call";
}

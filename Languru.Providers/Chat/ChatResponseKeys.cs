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
}

namespace Languru.Providers.OpenAI;

/// <summary>
/// The upstream's own JSON of one <c>chat.completion</c> or <c>chat.completion.chunk</c>, as the wire path received it:
/// the <see cref="Microsoft.Extensions.AI.ChatResponse.RawRepresentation"/> (or the update's) of its answers, so that the
/// API can write it back with its own id, model and choice index instead of rebuilding it, and fields the gateway does
/// not model reach the client.
/// </summary>
/// <param name="json">The JSON object, as sent.</param>
public sealed class OpenAIWireJson(ReadOnlyMemory<byte> json)
{
    /// <summary>The JSON object, as sent.</summary>
    public ReadOnlyMemory<byte> Json { get; } = json;
}

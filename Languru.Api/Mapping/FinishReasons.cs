using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Api.Mapping;

/// <summary>
/// Maps a provider's finish reason onto the five values OpenAI clients accept (the .NET SDK throws on any other).
/// An unknown reason becomes <c>stop</c>; a missing one <c>tool_calls</c> when tools were called, else <c>stop</c>.
/// </summary>
internal static class FinishReasons
{
    public static string ToWire(ChatFinishReason? reason, bool calledTools)
    {
        var value = reason?.Value;
        return OpenAIFinishReasons.IsOpenAI(value) ? value! : value is null && calledTools ? "tool_calls" : "stop";
    }
}

using System.Collections.Frozen;
using Microsoft.Extensions.AI;

namespace Languru.Providers.Chat;

/// <summary>
/// OpenAI's five <c>finish_reason</c> values, the only ones its SDKs accept (the .NET SDK throws on any other): the one
/// list that the OpenAI provider's reader and rewriter and the API's writers share.
/// </summary>
public static class OpenAIFinishReasons
{
    /// <summary><c>function_call</c>, which Microsoft.Extensions.AI has no constant for.</summary>
    public static ChatFinishReason FunctionCall { get; } = new("function_call");

    private static readonly FrozenDictionary<string, ChatFinishReason> ByValue =
        new[] { ChatFinishReason.Stop, ChatFinishReason.Length, ChatFinishReason.ToolCalls, ChatFinishReason.ContentFilter, FunctionCall }
            .ToFrozenDictionary(reason => reason.Value, StringComparer.Ordinal);

    /// <summary>The five values.</summary>
    public static IReadOnlyCollection<string> Values => ByValue.Keys;

    /// <summary>Whether <paramref name="value"/> is one of the five.</summary>
    public static bool IsOpenAI(string? value) => value is not null && ByValue.ContainsKey(value);

    /// <summary>An upstream's value: null stays null, and a value outside the five (TGI <c>eos_token</c>, vLLM <c>abort</c>) is <c>stop</c>.</summary>
    public static ChatFinishReason? FromWire(string? value) => value is null ? null : ByValue.GetValueOrDefault(value, ChatFinishReason.Stop);
}

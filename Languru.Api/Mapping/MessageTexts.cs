using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Api.Mapping;

/// <summary>The text, refusal and reasoning of one answer's message or one chunk's delta, gathered from its contents.</summary>
internal struct MessageTexts
{
    private TextParts _text;
    private TextParts _refusal;
    private TextParts _reasoning;

    /// <summary>Takes <paramref name="content"/> if it is text, a refusal or reasoning (empty reasoning only when <paramref name="keepEmptyReasoning"/>).</summary>
    /// <returns>Whether it was taken.</returns>
    public bool TryAdd(AIContent content, bool keepEmptyReasoning)
    {
        switch (content)
        {
            case TextReasoningContent r:
                if (keepEmptyReasoning || r.Text.Length > 0)
                {
                    _reasoning.Add(r.Text);
                }

                return true;
            case TextContent t:
                _text.Add(t.Text);
                return true;
            case RefusalContent r:
                _refusal.Add(r.Refusal);
                return true;
            default:
                return false;
        }
    }

    public readonly string? Text => _text.Text;

    public readonly string? Refusal => _refusal.Text;

    public readonly string? Reasoning => _reasoning.Text;
}

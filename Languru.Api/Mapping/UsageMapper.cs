using Languru.Contracts.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Api.Mapping;

/// <summary>Maps Microsoft.Extensions.AI usage to OpenAI's, including cached and reasoning token details when known.
/// (Audio token counts are experimental in Microsoft.Extensions.AI and not mapped.)</summary>
internal static class UsageMapper
{
    public static CompletionUsage? ToWire(UsageDetails? usage)
    {
        if (usage is null)
        {
            return null;
        }

        var prompt = (int)(usage.InputTokenCount ?? 0);
        var completion = (int)(usage.OutputTokenCount ?? 0);
        return new CompletionUsage
        {
            PromptTokens = prompt,
            CompletionTokens = completion,
            TotalTokens = (int)(usage.TotalTokenCount ?? prompt + completion),
            PromptTokensDetails = usage.CachedInputTokenCount is { } cached
                ? new PromptTokensDetails { CachedTokens = (int)cached }
                : null,
            CompletionTokensDetails = usage.ReasoningTokenCount is { } reasoning
                ? new CompletionTokensDetails { ReasoningTokens = (int)reasoning }
                : null,
        };
    }

    /// <summary>Adds up the usage of several choices; null when none reported any.</summary>
    public static UsageDetails? Sum(IEnumerable<UsageDetails?> usages)
    {
        UsageDetails? total = null;
        foreach (var usage in usages)
        {
            if (usage is not null)
            {
                total ??= new UsageDetails();
                total.Add(usage);
            }
        }

        return total;
    }
}

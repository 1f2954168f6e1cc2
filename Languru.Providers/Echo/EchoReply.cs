using Microsoft.Extensions.AI;

namespace Languru.Providers.Echo;

/// <summary>
/// What the echo provider answers, computed once so that streamed and whole answers agree exactly.
/// The reply is the text of the last user message. A token is one whitespace-separated word together with the
/// whitespace before it, so the tokens concatenate back to the text; prompt tokens are the words of every message.
/// A stop sequence cuts the reply before its first occurrence (<c>stop</c>); max tokens keeps the first N words
/// (<c>length</c>) when it cuts earlier. A reply longer than <see cref="EchoOptions.MaxReplyLength"/> characters is cut
/// there (<c>length</c>).
/// </summary>
internal sealed class EchoReply
{
    private EchoReply(IReadOnlyList<string> tokens, ChatFinishReason finishReason, int promptTokens)
    {
        Tokens = tokens;
        FinishReason = finishReason;
        Usage = new UsageDetails
        {
            InputTokenCount = promptTokens,
            OutputTokenCount = tokens.Count,
            TotalTokenCount = promptTokens + tokens.Count,
        };
    }

    public IReadOnlyList<string> Tokens { get; }

    public ChatFinishReason FinishReason { get; }

    public UsageDetails Usage { get; }

    public string Text => string.Concat(Tokens);

    public static EchoReply Create(IEnumerable<ChatMessage> messages, ChatOptions? options, int maxReplyLength)
    {
        var promptTokens = 0;
        string? lastUserText = null;
        foreach (var message in messages)
        {
            var text = message.Text;
            promptTokens += CountWords(text);
            if (message.Role == ChatRole.User)
            {
                lastUserText = text;
            }
        }

        var reply = CutAtStop(lastUserText ?? "", options?.StopSequences);
        var capped = reply.Length > maxReplyLength;
        if (capped)
        {
            // Never split a surrogate pair.
            reply = reply[..(char.IsHighSurrogate(reply[maxReplyLength - 1]) ? maxReplyLength - 1 : maxReplyLength)];
        }

        var tokens = Split(reply);
        if (options?.MaxOutputTokens is int max && tokens.Count > max)
        {
            return new EchoReply(tokens[..Math.Max(max, 0)], ChatFinishReason.Length, promptTokens);
        }

        return new EchoReply(tokens, capped ? ChatFinishReason.Length : ChatFinishReason.Stop, promptTokens);
    }

    internal static List<string> Split(string text)
    {
        var tokens = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                break;
            }

            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            tokens.Add(text[start..i]);
            start = i;
        }

        if (start < text.Length && tokens.Count > 0)
        {
            tokens[^1] += text[start..];
        }

        return tokens;
    }

    internal static int CountWords(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var isSpace = char.IsWhiteSpace(c);
            if (!isSpace && !inWord)
            {
                count++;
            }

            inWord = !isSpace;
        }

        return count;
    }

    private static string CutAtStop(string text, IList<string>? stopSequences)
    {
        if (stopSequences is null)
        {
            return text;
        }

        var cut = text.Length;
        foreach (var stop in stopSequences)
        {
            if (!string.IsNullOrEmpty(stop))
            {
                var at = text.IndexOf(stop, StringComparison.Ordinal);
                if (at >= 0 && at < cut)
                {
                    cut = at;
                }
            }
        }

        return text[..cut];
    }
}

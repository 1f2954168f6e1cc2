using Languru.Contracts.Chat;
using Languru.Contracts.Embeddings;
using Languru.Contracts.Responses;

namespace Languru.Api.Limits;

/// <summary>
/// Estimates what a request costs from its body, before it is validated (so every value is treated as untrusted).
/// A new request type adds its case to <see cref="ForBody"/>. <c>n</c> is counted up to <c>Languru:Limits:MaxChoices</c>,
/// the most a valid request can ask for: a larger <c>n</c> is refused with a 400 by validation (after the rate
/// limits), and must not be turned into a 429 a client would retry.
/// </summary>
internal static class RequestCosts
{
    /// <summary>About four characters of English text make a token.</summary>
    private const int CharactersPerToken = 4;

    /// <summary>What each message adds besides its text (role and separators), as OpenAI counts it.</summary>
    private const int TokensPerMessage = 4;

    public static RequestCost For(IEnumerable<object?> actionArguments, int maxChoices)
    {
        ArgumentNullException.ThrowIfNull(actionArguments);
        foreach (var argument in actionArguments)
        {
            if (ForBody(argument, maxChoices) is { } cost)
            {
                return cost;
            }
        }

        return RequestCost.One;
    }

    private static RequestCost? ForBody(object? body, int maxChoices) => body switch
    {
        ChatCompletionRequest chat => ForChat(chat, maxChoices),
        EmbeddingRequest embeddings => ForEmbeddings(embeddings),
        CreateResponseRequest response => ForResponse(response),
        _ => null,
    };

    /// <summary>One request; each text's characters ÷ 4 (rounded up), each token-id input's ids counted exactly.</summary>
    public static RequestCost ForEmbeddings(EmbeddingRequest request)
    {
        long tokens = 0;
        foreach (var text in request.Input?.Texts ?? [])
        {
            tokens += ((text?.Length ?? 0) + CharactersPerToken - 1) / CharactersPerToken;
        }

        foreach (var ids in request.Input?.TokenIds ?? [])
        {
            tokens += ids?.Length ?? 0;
        }

        return new RequestCost(1, tokens);
    }

    /// <summary><c>n</c> requests; the prompt's text once, plus <c>max_completion_tokens</c> (or <c>max_tokens</c>) per choice.</summary>
    public static RequestCost ForChat(ChatCompletionRequest request, int maxChoices)
    {
        var n = Math.Clamp(request.N ?? 1, 1, maxChoices);
        long characters = request.Prompt?.Length ?? 0;
        long messages = request.Prompt is null ? 0 : 1;
        foreach (var message in request.Messages ?? [])
        {
            if (message is null)
            {
                continue;
            }

            messages++;
            characters += (message.Name?.Length ?? 0) + (message.Refusal?.Length ?? 0) + (message.Content?.Text?.Length ?? 0);
            foreach (var part in message.Content?.Parts ?? [])
            {
                characters += (part?.Text?.Length ?? 0) + (part?.Refusal?.Length ?? 0);
            }

            foreach (var call in message.ToolCalls ?? [])
            {
                characters += (call?.Function?.Name?.Length ?? 0) + (call?.Function?.Arguments?.Length ?? 0);
            }
        }

        var prompt = ((characters + CharactersPerToken - 1) / CharactersPerToken) + (messages * TokensPerMessage);
        var completion = (long)Math.Max(0, request.MaxCompletionTokens ?? request.MaxTokens ?? 0) * n;
        return new RequestCost(n, prompt + completion);
    }

    /// <summary>One request; the instructions' and input's text, plus <c>max_output_tokens</c>.</summary>
    public static RequestCost ForResponse(CreateResponseRequest request)
    {
        long characters = (request.Instructions?.Length ?? 0) + (request.Input?.Text?.Length ?? 0);
        long items = request.Input?.Text is null ? 0 : 1;
        foreach (var item in request.Input?.Items ?? [])
        {
            if (item is null)
            {
                continue;
            }

            items++;
            characters += (item.Content?.Text?.Length ?? 0) + (item.Output?.Text?.Length ?? 0) + (item.Arguments?.Length ?? 0);
            foreach (var part in (item.Content?.Parts ?? []).Concat(item.Output?.Parts ?? []))
            {
                characters += part?.Text?.Length ?? 0;
            }
        }

        var prompt = ((characters + CharactersPerToken - 1) / CharactersPerToken) + (items * TokensPerMessage);
        return new RequestCost(1, prompt + Math.Max(0, request.MaxOutputTokens ?? 0));
    }
}

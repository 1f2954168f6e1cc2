using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Providers.Embeddings;

/// <summary>
/// How token-id inputs (OpenAI's <c>input</c> as an array of integers or of integer arrays) travel to a provider.
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> embeds strings, so the ids ride along in
/// <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> under <see cref="EmbeddingOptionKeys.TokenIds"/>, one array per input,
/// and the values passed are placeholders (the ids as text, one per input, so that the counts line up). Every
/// generator of the gateway looks for the key first: one that can send ids upstream sends them, one that cannot
/// refuses with a 400 naming <c>input</c> (<see cref="Refuse"/>), and none embeds the placeholders.
/// </summary>
public static class EmbeddingInputs
{
    /// <summary>The values and options that carry token-id inputs.</summary>
    /// <param name="tokenIds">One array of ids per input.</param>
    /// <param name="options">The options to add them to.</param>
    /// <returns>The placeholder values, one per input.</returns>
    public static IReadOnlyList<string> CarryTokenIds(IReadOnlyList<int[]> tokenIds, EmbeddingGenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        ArgumentNullException.ThrowIfNull(options);
        (options.AdditionalProperties ??= [])[EmbeddingOptionKeys.TokenIds] = tokenIds;
        return [.. tokenIds.Select(ids => string.Join(' ', ids))];
    }

    /// <summary>The token ids of the request, or null when its inputs are text.</summary>
    /// <param name="options">The options.</param>
    /// <returns>One array of ids per input, or null.</returns>
    public static IReadOnlyList<int[]>? TokenIds(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(EmbeddingOptionKeys.TokenIds, out var value) == true ? value as IReadOnlyList<int[]> : null;

    /// <summary>The 400 of a provider that embeds text only.</summary>
    /// <param name="provider">The provider's configured name.</param>
    /// <param name="type">The provider's type.</param>
    /// <returns>The exception to throw.</returns>
    public static ChatProviderException Refuse(string provider, string type) => new(
        ChatProviderErrorKind.InvalidRequest,
        $"Invalid 'input': provider '{provider}' ({type}) embeds text only; send 'input' as a string or an array of strings.")
    {
        Param = "input",
        Code = "invalid_type",
    };
}

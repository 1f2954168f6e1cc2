using System.Text.Json.Serialization;

namespace Languru.Contracts.Embeddings;

/// <summary>
/// The <c>input</c> of an embedding request, in one of its four forms: a string, an array of strings, an array of
/// token ids, or an array of token-id arrays. Exactly one of <see cref="Texts"/> and <see cref="TokenIds"/> is set.
/// </summary>
[JsonConverter(typeof(EmbeddingInputJsonConverter))]
public sealed class EmbeddingInput
{
    private EmbeddingInput(EmbeddingInputForm form, IReadOnlyList<string>? texts, IReadOnlyList<int[]>? tokenIds)
    {
        Form = form;
        Texts = texts;
        TokenIds = tokenIds;
    }

    /// <summary>The form the client sent (written back the same way).</summary>
    public EmbeddingInputForm Form { get; }

    /// <summary>The texts, one per input, for <see cref="EmbeddingInputForm.Text"/> and <see cref="EmbeddingInputForm.Texts"/>.</summary>
    public IReadOnlyList<string>? Texts { get; }

    /// <summary>The token ids, one array per input, for the two token-id forms.</summary>
    public IReadOnlyList<int[]>? TokenIds { get; }

    /// <summary>How many inputs there are (and so embeddings in the answer).</summary>
    public int Count => Texts?.Count ?? TokenIds!.Count;

    /// <summary>One text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The input.</returns>
    public static EmbeddingInput FromText(string text) => new(EmbeddingInputForm.Text, [text], null);

    /// <summary>Several texts.</summary>
    /// <param name="texts">The texts.</param>
    /// <returns>The input.</returns>
    public static EmbeddingInput FromTexts(IReadOnlyList<string> texts) => new(EmbeddingInputForm.Texts, texts, null);

    /// <summary>One input given as token ids.</summary>
    /// <param name="tokenIds">The ids.</param>
    /// <returns>The input.</returns>
    public static EmbeddingInput FromTokenIds(int[] tokenIds) => new(EmbeddingInputForm.TokenIds, null, [tokenIds]);

    /// <summary>Several inputs given as token ids.</summary>
    /// <param name="tokenIds">One array of ids per input.</param>
    /// <returns>The input.</returns>
    public static EmbeddingInput FromTokenIdArrays(IReadOnlyList<int[]> tokenIds) => new(EmbeddingInputForm.TokenIdArrays, null, tokenIds);

    /// <summary>One text.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator EmbeddingInput(string text) => FromText(text);
}

/// <summary>The four forms of an embedding request's <c>input</c>.</summary>
public enum EmbeddingInputForm
{
    /// <summary>A string.</summary>
    Text,

    /// <summary>An array of strings.</summary>
    Texts,

    /// <summary>An array of integers: one input's token ids.</summary>
    TokenIds,

    /// <summary>An array of integer arrays: several inputs' token ids.</summary>
    TokenIdArrays,
}

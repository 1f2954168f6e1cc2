namespace Languru.Providers.Embeddings;

/// <summary>
/// Keys of <see cref="Microsoft.Extensions.AI.EmbeddingGenerationOptions.AdditionalProperties"/> for the request fields
/// <see cref="Microsoft.Extensions.AI.EmbeddingGenerationOptions"/> has no property for.
/// </summary>
public static class EmbeddingOptionKeys
{
    /// <summary>The request's <c>user</c>, a <see cref="string"/>.</summary>
    public const string User = "user";

    /// <summary>Token-id inputs, an <see cref="IReadOnlyList{T}"/> of <see cref="int"/> arrays (see <see cref="EmbeddingInputs"/>).</summary>
    public const string TokenIds = Chat.ChatOptionKeys.InternalPrefix + "token_ids";
}

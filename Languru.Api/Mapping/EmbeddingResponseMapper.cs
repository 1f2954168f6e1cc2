using Languru.Contracts.Embeddings;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Api.Mapping;

/// <summary>
/// Maps generated embeddings to OpenAI's answer: one <c>embedding</c> object per input, indexed in order, as floats
/// or base64 (<see cref="EmbeddingVector"/>); <c>model</c> as the client sent it; usage as the provider reports it
/// (zero when it reports none, since OpenAI's answer always carries usage). A provider that answers with another
/// number of embeddings than inputs is an upstream error, never a shorter list.
/// </summary>
internal static class EmbeddingResponseMapper
{
    public static EmbeddingResponse ToResponse(GeneratedEmbeddings<Embedding<float>> embeddings, int inputs, string model, bool base64)
    {
        if (embeddings.Count != inputs)
        {
            throw new ChatProviderException(ChatProviderErrorKind.UpstreamError,
                $"The provider answered with {embeddings.Count} embeddings for {inputs} inputs.");
        }

        var data = new EmbeddingData[embeddings.Count];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = new EmbeddingData { Index = i, Vector = new EmbeddingVector(embeddings[i].Vector, base64) };
        }

        var prompt = (int)(embeddings.Usage?.InputTokenCount ?? 0);
        return new EmbeddingResponse
        {
            Data = data,
            Model = model,
            Usage = new EmbeddingUsage { PromptTokens = prompt, TotalTokens = (int)(embeddings.Usage?.TotalTokenCount ?? prompt) },
        };
    }
}

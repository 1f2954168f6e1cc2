using Languru.Contracts.Embeddings;
using Languru.Providers.Embeddings;
using Microsoft.Extensions.AI;

namespace Languru.Api.Mapping;

/// <summary>
/// Maps a validated <see cref="EmbeddingRequest"/> to the values and options of
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}.GenerateAsync"/>: texts as values; token ids through
/// <see cref="EmbeddingInputs.CarryTokenIds"/>; <c>dimensions</c> as <see cref="EmbeddingGenerationOptions.Dimensions"/>;
/// <c>user</c> under <see cref="EmbeddingOptionKeys.User"/>. <c>encoding_format</c> stays in the API: providers
/// return floats, and the response mapper encodes them.
/// </summary>
internal static class EmbeddingRequestMapper
{
    public static (IReadOnlyList<string> Values, EmbeddingGenerationOptions Options) ToGeneratorInput(EmbeddingRequest request)
    {
        var options = new EmbeddingGenerationOptions { Dimensions = request.Dimensions };
        if (request.User is { } user)
        {
            (options.AdditionalProperties ??= [])[EmbeddingOptionKeys.User] = user;
        }

        var input = request.Input!;
        var values = input.Texts ?? EmbeddingInputs.CarryTokenIds(input.TokenIds!, options);
        return (values, options);
    }

    /// <summary>The options for one target of the route: the same, with the target's upstream model id.</summary>
    public static EmbeddingGenerationOptions ForModel(EmbeddingGenerationOptions options, string upstreamModelId)
    {
        var forTarget = options.Clone();
        forTarget.ModelId = upstreamModelId;
        return forTarget;
    }
}

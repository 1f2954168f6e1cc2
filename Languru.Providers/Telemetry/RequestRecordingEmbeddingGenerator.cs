using Microsoft.Extensions.AI;

namespace Languru.Providers.Telemetry;

/// <summary>
/// The embedding twin of <see cref="RequestRecordingChatClient"/>: notes in the request's <see cref="RequestRecord"/>
/// which provider and upstream model answered and the tokens they reported.
/// </summary>
internal sealed class RequestRecordingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, string provider)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(innerGenerator)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var embeddings = await base.GenerateAsync(values, options, cancellationToken);
        if (RequestRecord.Current is { } record)
        {
            record.Answered(provider, embeddings.FirstOrDefault()?.ModelId ?? options?.ModelId);
            record.AddUsage(embeddings.Usage);
        }

        return embeddings;
    }
}

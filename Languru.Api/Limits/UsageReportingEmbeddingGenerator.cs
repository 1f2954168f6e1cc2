using Microsoft.Extensions.AI;

namespace Languru.Api.Limits;

/// <summary>Reports the usage an embedding provider returns to the request's rate-limit admission (the embedding twin of <see cref="UsageReportingChatClient"/>).</summary>
internal sealed class UsageReportingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, RateLimitAdmission admission)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var embeddings = await base.GenerateAsync(values, options, cancellationToken);
        if (embeddings.Usage is { } usage)
        {
            await admission.ReportAsync(usage, cancellationToken);
        }

        return embeddings;
    }
}

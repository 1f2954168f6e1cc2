namespace Languru.Providers.Routing;

/// <summary>Lists the models a provider's upstream offers (e.g. OpenAI's <c>/v1/models</c>, Ollama's <c>/api/tags</c>).</summary>
public interface IModelCatalog
{
    /// <summary>
    /// The upstream's models, usually from a cache. An unreachable upstream yields what is known (possibly nothing)
    /// and is logged by the catalog; only cancellation throws.
    /// </summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The models.</returns>
    ValueTask<IReadOnlyList<ModelDescriptor>> ListModelsAsync(CancellationToken cancellationToken);
}

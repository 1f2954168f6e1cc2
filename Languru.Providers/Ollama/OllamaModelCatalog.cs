using Languru.Providers.Routing;

namespace Languru.Providers.Ollama;

/// <summary>
/// Ollama's installed models (<c>GET /api/tags</c>), cached; they are routed by their bare names. A name without a
/// tag means <c>:latest</c>, as in Ollama. An unknown name refreshes the list, at most every five seconds, so that a
/// model pulled a moment ago works without waiting for the cache to expire.
/// </summary>
internal sealed class OllamaModelCatalog(CachedModelCatalog cache) : IRoutableModelCatalog, IProviderProbe, IDisposable
{
    private static readonly TimeSpan MissRefreshInterval = TimeSpan.FromSeconds(5);

    public ValueTask<IReadOnlyList<ModelDescriptor>> ListModelsAsync(CancellationToken cancellationToken) => cache.ListModelsAsync(cancellationToken);

    public async ValueTask<bool> ContainsAsync(string model, CancellationToken cancellationToken)
    {
        var name = WithTag(model);
        return Contains(await cache.ListModelsAsync(cancellationToken), name)
            || Contains(await cache.RefreshIfOlderThanAsync(MissRefreshInterval, cancellationToken), name);
    }

    public ValueTask<ProbeResult> ProbeAsync(CancellationToken cancellationToken) => cache.ProbeAsync(cancellationToken);

    public void Dispose() => cache.Dispose();

    private static bool Contains(IReadOnlyList<ModelDescriptor> models, string name) =>
        models.Any(m => string.Equals(WithTag(m.Id), name, StringComparison.OrdinalIgnoreCase));

    private static string WithTag(string model) =>
        model.Contains(':', StringComparison.Ordinal) ? model : model + ":latest";
}

namespace Languru.Providers.Routing;

/// <summary>
/// A catalog whose listed models are served by their bare names (Ollama's <c>llama3.2</c>), after every configured
/// rule has missed.
/// </summary>
public interface IRoutableModelCatalog : IModelCatalog
{
    /// <summary>Whether the upstream lists the model. A miss may refresh the list (at most every few seconds).</summary>
    /// <param name="model">The name the client sent.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>Whether the provider serves it.</returns>
    ValueTask<bool> ContainsAsync(string model, CancellationToken cancellationToken);
}

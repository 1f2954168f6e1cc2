namespace Languru.Providers.Routing;

/// <summary>Maps a requested model name to a provider and the upstream model id.</summary>
public interface IModelRouter
{
    /// <summary>Routes a model name.</summary>
    /// <param name="model">The name the client sent.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The route.</returns>
    /// <exception cref="Chat.ChatProviderException">
    /// <see cref="Chat.ChatProviderErrorKind.ModelNotFound"/> when nothing serves the name, or when its provider is
    /// not configured (the message then names the setting to add).
    /// </exception>
    ValueTask<ModelRoute> ResolveAsync(string model, CancellationToken cancellationToken);

    /// <summary>Every model a client can name: aliases, configured exact names, and the providers' catalogs.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The models, without duplicates.</returns>
    ValueTask<IReadOnlyList<ModelDescriptor>> ListModelsAsync(CancellationToken cancellationToken);

    /// <summary>Finds one model: listed, or routable to a configured provider that lists no catalog.</summary>
    /// <param name="model">The model id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The model, or null.</returns>
    ValueTask<ModelDescriptor?> FindModelAsync(string model, CancellationToken cancellationToken);
}

using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Providers.Routing;

/// <summary>The outcome of routing a model name: a configured provider and the model id to send it.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="UpstreamModelId">The model id the provider receives (<c>openai/gpt-4o</c> → <c>gpt-4o</c>).</param>
public sealed record ModelRoute(ChatProvider Provider, string UpstreamModelId)
{
    /// <summary>The provider's client.</summary>
    public IChatClient Client => Provider.Client ?? throw new InvalidOperationException($"Provider '{Provider.Name}' is not configured.");

    /// <summary>The provider's embedding generator.</summary>
    /// <exception cref="ChatProviderException">
    /// <see cref="ChatProviderErrorKind.InvalidRequest"/> naming <c>model</c> when the provider serves no embeddings.
    /// </exception>
    public IEmbeddingGenerator<string, Embedding<float>> Embeddings => Provider.Embeddings ?? throw new ChatProviderException(
        ChatProviderErrorKind.InvalidRequest,
        $"The model '{UpstreamModelId}' is served by provider '{Provider.Name}' ({Provider.Type}), which does not serve embeddings.")
    {
        Param = "model",
        Code = "model_not_supported",
    };
}

using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;

namespace Languru.Providers.Routing;

/// <summary>
/// A configured provider: its name, its <see cref="IChatClient"/>, optionally its embedding generator (the same
/// provider, model names and routes serve <c>/v1/embeddings</c>) and its model catalog.
/// </summary>
public sealed class ChatProvider : IDisposable
{
    private ChatProvider(
        string name, string type, IChatClient? client, IEmbeddingGenerator<string, Embedding<float>>? embeddings, IModelCatalog? catalog, string? setupHint)
    {
        Name = name;
        Type = type;
        Client = client;
        Embeddings = embeddings;
        Catalog = catalog;
        SetupHint = setupHint;
    }

    /// <summary>The configured name, e.g. <c>openai</c> or <c>groq</c>.</summary>
    public string Name { get; }

    /// <summary>The provider type, e.g. <c>openai</c>.</summary>
    public string Type { get; }

    /// <summary>The client; null when the provider is not configured.</summary>
    public IChatClient? Client { get; }

    /// <summary>The embedding generator; null when the provider has none (or is not configured).</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? Embeddings { get; }

    /// <summary>The embedding generator, for a request routed here.</summary>
    /// <returns>The generator.</returns>
    /// <exception cref="Chat.ChatProviderException">
    /// <see cref="Chat.ChatProviderErrorKind.InvalidRequest"/> naming <c>model</c> when the provider serves no embeddings.
    /// </exception>
    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator() => Embeddings ?? throw new Chat.ChatProviderException(
        Chat.ChatProviderErrorKind.InvalidRequest,
        $"Provider '{Name}' ({Type}) does not serve embeddings; choose a model of a provider that does.")
    {
        Param = "model",
        Code = "model_not_supported",
    };

    /// <summary>The models the provider lists, when it can list them.</summary>
    public IModelCatalog? Catalog { get; }

    /// <summary>When not configured: what to set to enable it (never a secret).</summary>
    public string? SetupHint { get; }

    /// <summary>Whether the provider can serve requests.</summary>
    [MemberNotNullWhen(true, nameof(Client))]
    [MemberNotNullWhen(false, nameof(SetupHint))]
    public bool IsConfigured => Client is not null;

    /// <summary>A provider that can serve requests.</summary>
    /// <param name="name">The configured name.</param>
    /// <param name="type">The provider type.</param>
    /// <param name="client">The client.</param>
    /// <param name="catalog">The model catalog, if the provider can list models.</param>
    /// <param name="embeddings">The embedding generator, if the provider serves embeddings.</param>
    /// <returns>The provider.</returns>
    public static ChatProvider Configured(
        string name, string type, IChatClient client, IModelCatalog? catalog = null, IEmbeddingGenerator<string, Embedding<float>>? embeddings = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new ChatProvider(name, type, client, embeddings, catalog, null);
    }

    /// <summary>A provider that is known but cannot serve requests yet.</summary>
    /// <param name="name">The configured name.</param>
    /// <param name="type">The provider type.</param>
    /// <param name="setupHint">What to set to enable it, e.g. "set the OPENAI_API_KEY environment variable".</param>
    /// <returns>The placeholder.</returns>
    public static ChatProvider NotConfigured(string name, string type, string setupHint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(setupHint);
        return new ChatProvider(name, type, null, null, null, setupHint);
    }

    /// <summary>The same provider with its client (and optionally its embedding generator) replaced, e.g. wrapped in middleware.</summary>
    /// <param name="client">The new client; it owns the old one.</param>
    /// <param name="embeddings">The new embedding generator, owning the old one; null keeps the old one.</param>
    /// <returns>The provider.</returns>
    public ChatProvider WithClient(IChatClient client, IEmbeddingGenerator<string, Embedding<float>>? embeddings = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new ChatProvider(Name, Type, client, embeddings ?? Embeddings, Catalog, null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Client?.Dispose();
        Embeddings?.Dispose();
        (Catalog as IDisposable)?.Dispose();
    }
}

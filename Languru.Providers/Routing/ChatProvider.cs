using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;

namespace Languru.Providers.Routing;

/// <summary>A configured provider: its name, its <see cref="IChatClient"/>, and optionally its model catalog.</summary>
public sealed class ChatProvider : IDisposable
{
    private ChatProvider(string name, string type, IChatClient? client, IModelCatalog? catalog, string? setupHint)
    {
        Name = name;
        Type = type;
        Client = client;
        Catalog = catalog;
        SetupHint = setupHint;
    }

    /// <summary>The configured name, e.g. <c>openai</c> or <c>groq</c>.</summary>
    public string Name { get; }

    /// <summary>The provider type, e.g. <c>openai</c>.</summary>
    public string Type { get; }

    /// <summary>The client; null when the provider is not configured.</summary>
    public IChatClient? Client { get; }

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
    /// <returns>The provider.</returns>
    public static ChatProvider Configured(string name, string type, IChatClient client, IModelCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new ChatProvider(name, type, client, catalog, null);
    }

    /// <summary>A provider that is known but cannot serve requests yet.</summary>
    /// <param name="name">The configured name.</param>
    /// <param name="type">The provider type.</param>
    /// <param name="setupHint">What to set to enable it, e.g. "set the OPENAI_API_KEY environment variable".</param>
    /// <returns>The placeholder.</returns>
    public static ChatProvider NotConfigured(string name, string type, string setupHint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(setupHint);
        return new ChatProvider(name, type, null, null, setupHint);
    }

    /// <summary>The same provider with its client replaced (e.g. wrapped in middleware).</summary>
    /// <param name="client">The new client; it owns the old one.</param>
    /// <returns>The provider.</returns>
    public ChatProvider WithClient(IChatClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new ChatProvider(Name, Type, client, Catalog, null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Client?.Dispose();
        (Catalog as IDisposable)?.Dispose();
    }
}

namespace Languru.Providers.Routing;

/// <summary>
/// Creates the providers of one type (<c>echo</c>, <c>openai</c>, <c>ollama</c>) from their configuration at
/// <c>Languru:Providers:&lt;name&gt;</c>. Each provider folder registers one through its <c>Add…</c> extension.
/// </summary>
public interface IChatProviderFactory
{
    /// <summary>The type name matched (case-insensitively) against <c>Languru:Providers:&lt;name&gt;:Type</c>.</summary>
    string Type { get; }

    /// <summary>Checks the provider's settings. Called at start-up, before <see cref="Create"/>.</summary>
    /// <param name="name">The provider's configured name.</param>
    /// <returns>Every problem found, each naming its setting; empty when sound.</returns>
    IEnumerable<string> Validate(string name);

    /// <summary>Creates the provider, or a not-configured placeholder whose hint names the setting to add.</summary>
    /// <param name="name">The provider's configured name.</param>
    /// <returns>The provider.</returns>
    ChatProvider Create(string name);
}

namespace Languru.Api.Access;

/// <summary>Who may call: the API keys (<c>Languru:Keys</c>) and open mode (<c>Languru:Auth</c>), bound from <c>Languru</c>.</summary>
public sealed class AccessOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Languru";

    /// <summary>The API keys by name (names compare case-insensitively). None: open mode.</summary>
    public Dictionary<string, ApiKeyOptions> Keys { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Open mode's settings.</summary>
    public AuthOptions Auth { get; set; } = new();
}

namespace Languru.Api.Access;

/// <summary>Who may call when no API key is configured, bound from <c>Languru:Auth</c>.</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Languru:Auth";

    /// <summary>
    /// With no keys configured, serve callers on every address the gateway listens on, not only loopback ones.
    /// Default <c>false</c>: a gateway without keys that listens beyond loopback refuses to start.
    /// </summary>
    public bool AllowAnonymous { get; set; }
}

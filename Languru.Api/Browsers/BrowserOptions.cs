namespace Languru.Api.Browsers;

/// <summary>Which web pages may call the gateway from their own origin, bound from <c>Languru:Cors</c>.</summary>
public sealed class BrowserOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Languru:Cors";

    /// <summary>
    /// Origins (<c>https://app.example.com</c>) whose pages may call the API; <c>*</c> for any. Default: none, and
    /// then no CORS headers are sent at all.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>
    /// Request headers a page may send besides those always allowed (see
    /// <see cref="BrowserServiceCollectionExtensions"/>: the key headers, <c>Content-Type</c>, and the headers the
    /// official OpenAI JavaScript SDK sends); <c>*</c> for any. Default: none.
    /// </summary>
    public IList<string> AllowedHeaders { get; } = [];
}

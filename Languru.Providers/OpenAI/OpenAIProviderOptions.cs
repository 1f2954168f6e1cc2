using System.ComponentModel.DataAnnotations;

namespace Languru.Providers.OpenAI;

/// <summary>
/// Settings of an OpenAI or OpenAI-compatible provider (<c>Languru:Providers:&lt;name&gt;</c> with <c>Type: openai</c>).
/// Secrets are best given by naming an environment variable (<see cref="ApiKeyEnvironmentVariable"/>).
/// </summary>
public sealed class OpenAIProviderOptions
{
    /// <summary>OpenAI's own API.</summary>
    public const string OpenAIBaseUrl = "https://api.openai.com/v1";

    /// <summary>The API base URL, ending in <c>/v1</c> for most servers. Default: <see cref="BaseUrlEnvironmentVariable"/>, else OpenAI's.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>An environment variable (or configuration key) that holds the base URL, e.g. <c>OPENAI_BASE_URL</c>.</summary>
    public string? BaseUrlEnvironmentVariable { get; set; }

    /// <summary>The API key. Prefer <see cref="ApiKeyEnvironmentVariable"/>. Never logged, never sent to clients.</summary>
    public string? ApiKey { get; set; }

    /// <summary>An environment variable (or configuration key) that holds the API key, e.g. <c>OPENAI_API_KEY</c>.</summary>
    public string? ApiKeyEnvironmentVariable { get; set; }

    /// <summary>Whether the provider is on; unset: on when a key is set, or when the base URL is not OpenAI's (local servers need none).</summary>
    public bool? Enabled { get; set; }

    /// <summary>The <c>OpenAI-Organization</c> header.</summary>
    public string? Organization { get; set; }

    /// <summary>The <c>OpenAI-Project</c> header.</summary>
    public string? Project { get; set; }

    /// <summary>Extra request headers for this upstream (e.g. OpenRouter's <c>HTTP-Referer</c>, <c>X-Title</c>).</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a stream may wait for its first chunk. Default one minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "TimeToFirstToken must be between 00:00:00.001 and 01:00:00.")]
    public TimeSpan TimeToFirstToken { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a stream may go without a chunk once it has started (the longest gap between two chunks). Default one minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "IdleTimeout must be between 00:00:00.001 and 01:00:00.")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long opening a connection to the upstream may take (TCP and TLS); beyond it the upstream is unavailable. Default ten seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ErrorMessage = "ConnectTimeout must be between 00:00:00.001 and 00:10:00.")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a whole request (or stream) may take. Default ten minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "02:00:00", ErrorMessage = "Timeout must be between 00:00:00.001 and 02:00:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether <c>GET /v1/models</c> lists the upstream's models (from its <c>/models</c>).</summary>
    public bool ListModels { get; set; } = true;

    /// <summary>How long the upstream's model list is cached. Default five minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "ModelListCacheDuration must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan ModelListCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether request fields the gateway does not know (e.g. vLLM's <c>top_k</c>) are forwarded. Default true.</summary>
    public bool ForwardUnknownFields { get; set; } = true;
}

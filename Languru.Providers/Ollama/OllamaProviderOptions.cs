using System.ComponentModel.DataAnnotations;

namespace Languru.Providers.Ollama;

/// <summary>Settings of an Ollama provider (<c>Languru:Providers:&lt;name&gt;</c> with <c>Type: ollama</c>).</summary>
public sealed class OllamaProviderOptions
{
    /// <summary>Ollama's address, with or without scheme and port (as <c>OLLAMA_HOST</c> accepts it). Default: <see cref="BaseUrlEnvironmentVariable"/>, else <c>http://127.0.0.1:11434</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>An environment variable (or configuration key) holding the address, e.g. <c>OLLAMA_HOST</c>.</summary>
    public string? BaseUrlEnvironmentVariable { get; set; }

    /// <summary>Whether the provider is on; unset: on when an address is set (<see cref="BaseUrl"/> or the variable).</summary>
    public bool? Enabled { get; set; }

    /// <summary>Ollama's <c>keep_alive</c>: how long the model stays loaded after a request (<c>5m</c>, <c>1h</c>, <c>0</c>, <c>-1</c>). Unset: Ollama's default.</summary>
    public string? KeepAlive { get; set; }

    /// <summary>Default <c>options</c> for every request (e.g. <c>num_ctx: 8192</c>); a request's own values win.</summary>
    public Dictionary<string, string> Options { get; } = new(StringComparer.Ordinal);

    /// <summary>How long a stream may wait for its first chunk; loading a model counts. Default five minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "TimeToFirstToken must be between 00:00:00.001 and 01:00:00.")]
    public TimeSpan TimeToFirstToken { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a stream may go without a chunk once it has started (the longest gap between two chunks). Default one minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "IdleTimeout must be between 00:00:00.001 and 01:00:00.")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long opening a connection to the upstream may take (TCP and TLS); beyond it the upstream is unavailable. Default ten seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ErrorMessage = "ConnectTimeout must be between 00:00:00.001 and 00:10:00.")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a whole request (or stream) may take. Default ten minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "02:00:00", ErrorMessage = "Timeout must be between 00:00:00.001 and 02:00:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether models Ollama lists (<c>/api/tags</c>) are routed by their bare names and listed in <c>/v1/models</c>.</summary>
    public bool RouteListedModels { get; set; } = true;

    /// <summary>How long Ollama's model list is cached; an unknown name refreshes it sooner (at most every five seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "ModelListCacheDuration must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan ModelListCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The <c>Retry-After</c> sent with a 503 when Ollama's queue is full (Ollama sends none). Default one second.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "BusyRetryAfter must be between 00:00:01 and 00:10:00.")]
    public TimeSpan BusyRetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}

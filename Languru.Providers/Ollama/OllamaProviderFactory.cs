using Languru.Providers.Chat;
using Languru.Providers.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Languru.Providers.Ollama;

/// <summary>
/// Creates Ollama providers. A provider is on when it has an address (its <c>BaseUrl</c>, or the variable it names,
/// e.g. <c>OLLAMA_HOST</c>) or is enabled explicitly (then Ollama's default address is used).
/// </summary>
internal sealed class OllamaProviderFactory(
    IOptionsMonitor<OllamaProviderOptions> options,
    IConfiguration configuration,
    IHttpClientFactory httpClients,
    TimeProvider timeProvider,
    ILoggerFactory loggers) : IChatProviderFactory
{
    public const string TypeName = "ollama";
    public const string HttpClientName = "Languru.Ollama";

    public string Type => TypeName;

    public IEnumerable<string> Validate(string name)
    {
        var problems = options.TryGetProviderOptions(name, out var settings);
        if (settings is null)
        {
            return problems;
        }

        var errors = new List<string>();
        if (Address(settings) is { } address)
        {
            try
            {
                OllamaHost.Parse(address);
            }
            catch (UriFormatException)
            {
                errors.Add($"Languru:Providers:{name}:BaseUrl '{address}' is not an Ollama address (e.g. 127.0.0.1:11434 or http://host:11434).");
            }
        }

        errors.AddRange(ProviderSettings.DeadlineProblems(name, settings.TimeToFirstToken, settings.IdleTimeout, settings.ConnectTimeout, settings.Timeout));
        return errors;
    }

    public ChatProvider Create(string name)
    {
        var settings = options.Get(name);
        var address = Address(settings);
        if (settings.Enabled is null && address is null)
        {
            var variable = settings.BaseUrlEnvironmentVariable is { } v ? $"the {v} environment variable (e.g. 127.0.0.1:11434), or " : "";
            return ChatProvider.NotConfigured(name, TypeName, $"set {variable}Languru:Providers:{name}:BaseUrl, or Languru:Providers:{name}:Enabled to true for {OllamaHost.Default}");
        }

        var endpoint = OllamaHost.Parse(address ?? OllamaHost.Default);
        var api = new OllamaApiClient(httpClients.CreateClient(ProviderHttpClients.Name(HttpClientName, name)), endpoint);
        var catalog = settings.RouteListedModels
            ? new OllamaModelCatalog(new CachedModelCatalog(
                name,
                async ct => [.. ((await api.TagsAsync(ct)).Models ?? []).Where(m => m.Name is not null).Select(m => new ModelDescriptor(m.Name!, name, m.ModifiedAt))],
                ex => OllamaErrors.Map(ex, name, endpoint, "(listing)", null, settings) is ChatProviderException mapped ? mapped.Message : ex.GetType().Name,
                settings.ModelListCacheDuration,
                timeProvider,
                loggers.CreateLogger<CachedModelCatalog>()))
            : null;
        return ChatProvider.Configured(
            name, TypeName, new OllamaChatClient(name, api, settings), catalog, new OllamaEmbeddingGenerator(name, api, settings));
    }

    private string? Address(OllamaProviderOptions settings) =>
        ProviderSettings.ValueOrVariable(configuration, settings.BaseUrl, settings.BaseUrlEnvironmentVariable);
}

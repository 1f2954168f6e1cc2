using System.ClientModel;
using System.ClientModel.Primitives;
using Languru.Providers.Chat;
using Languru.Providers.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;

namespace Languru.Providers.OpenAI;

/// <summary>
/// Creates OpenAI and OpenAI-compatible providers. The key and base URL come from the settings or from the environment
/// variables they name; a provider on OpenAI's own API without a key is "not configured", and its models answer 404
/// with a message naming the variable to set.
/// </summary>
internal sealed class OpenAIProviderFactory(
    IOptionsMonitor<OpenAIProviderOptions> options,
    IConfiguration configuration,
    IHttpClientFactory httpClients,
    TimeProvider timeProvider,
    ILoggerFactory loggers) : IChatProviderFactory
{
    public const string TypeName = "openai";
    public const string HttpClientName = "Languru.OpenAI";

    public string Type => TypeName;

    public IEnumerable<string> Validate(string name)
    {
        var problems = options.TryGetProviderOptions(name, out var settings);
        if (settings is null)
        {
            return problems;
        }

        var errors = new List<string>();
        var baseUrl = BaseUrl(settings);
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Add($"Languru:Providers:{name}:BaseUrl '{baseUrl}' is not an absolute http(s) URL.");
        }
        else if (settings.Enabled == true && ApiKey(settings) is null && IsOpenAI(uri))
        {
            errors.Add($"Languru:Providers:{name}: enabled, but OpenAI's API needs a key: {KeyHint(name, settings)}.");
        }

        errors.AddRange(ProviderSettings.DeadlineProblems(name, settings.TimeToFirstToken, settings.IdleTimeout, settings.ConnectTimeout, settings.Timeout));
        return errors;
    }

    public ChatProvider Create(string name)
    {
        var settings = options.Get(name);
        var endpoint = new Uri(BaseUrl(settings));
        var key = ApiKey(settings);
        if (settings.Enabled is null && key is null && IsOpenAI(endpoint))
        {
            return ChatProvider.NotConfigured(name, TypeName, KeyHint(name, settings));
        }

        var http = httpClients.CreateClient(ProviderHttpClients.Name(HttpClientName, name));
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            OrganizationId = settings.Organization,
            ProjectId = settings.Project,
            UserAgentApplicationId = "languru",
            Transport = new HttpClientPipelineTransport(http),
            // Never the SDK's own retries: the gateway retries every provider type alike, before the first byte only
            // (Languru:Providers:<name>:MaxRetries, see Resilience/RoutedChatClient.cs).
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = settings.Timeout + TimeSpan.FromMinutes(1), // a backstop: the provider's own deadlines fire first, with better messages
        };
        clientOptions.AddPolicy(new FinishReasonCompatibilityPolicy(), PipelinePosition.BeforeTransport);
        if (settings.Headers.Count > 0)
        {
            clientOptions.AddPolicy(new HeadersPolicy(new Dictionary<string, string>(settings.Headers)), PipelinePosition.PerCall);
        }

        var client = key is null
            ? new OpenAIClient(new NoAuthenticationPolicy(), clientOptions)
            : new OpenAIClient(new ApiKeyCredential(key), clientOptions);
        var catalog = settings.ListModels
            ? new CachedModelCatalog(
                name,
                async ct => [.. (await client.GetOpenAIModelClient().GetModelsAsync(ct)).Value.Select(m => new ModelDescriptor(m.Id, name, m.CreatedAt))],
                ex => OpenAIErrors.Map(ex, new UpstreamCall(name, endpoint, "(listing)", key), null) is ChatProviderException mapped
                    ? mapped.Message
                    : ex.GetType().Name,
                settings.ModelListCacheDuration,
                timeProvider,
                loggers.CreateLogger<CachedModelCatalog>())
            : null;
        return ChatProvider.Configured(
            name, TypeName, new OpenAIChatClient(name, client, new OpenAIWireClient(http, endpoint, settings, key), settings, key), catalog, new OpenAIEmbeddingGenerator(name, client, settings, key));
    }

    private static bool IsOpenAI(Uri uri) => uri.Host.Equals("api.openai.com", StringComparison.OrdinalIgnoreCase);

    private static string KeyHint(string name, OpenAIProviderOptions settings) => settings.ApiKeyEnvironmentVariable is { } variable
        ? $"set the {variable} environment variable (or Languru:Providers:{name}:ApiKey)"
        : $"set Languru:Providers:{name}:ApiKey (or name an environment variable in Languru:Providers:{name}:ApiKeyEnvironmentVariable)";

    private string BaseUrl(OpenAIProviderOptions settings) =>
        ProviderSettings.ValueOrVariable(configuration, settings.BaseUrl, settings.BaseUrlEnvironmentVariable) ?? OpenAIProviderOptions.OpenAIBaseUrl;

    private string? ApiKey(OpenAIProviderOptions settings) =>
        ProviderSettings.ValueOrVariable(configuration, settings.ApiKey, settings.ApiKeyEnvironmentVariable);
}

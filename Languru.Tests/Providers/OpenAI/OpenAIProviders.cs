using Languru.Providers.OpenAI;
using Languru.Providers.Routing;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Languru.Tests.Providers.OpenAI;

/// <summary>
/// Builds an OpenAI provider named <c>up</c> through the real registration and factory. Settings are relative to
/// <c>Languru:Providers:up</c>, except keys written <c>env:NAME</c>, which are top-level (like environment variables).
/// </summary>
public sealed class OpenAIProviders : IDisposable
{
    private readonly ServiceProvider _services;

    public OpenAIProviders(Uri? baseUrl, params (string Key, string? Value)[] settings)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["Languru:Providers:up:Type"] = "openai" };
        if (baseUrl is not null)
        {
            values["Languru:Providers:up:BaseUrl"] = new Uri(baseUrl, "v1").ToString();
        }

        foreach (var (key, value) in settings)
        {
            values[key.StartsWith("env:", StringComparison.Ordinal) ? key["env:".Length..] : $"Languru:Providers:up:{key}"] = value;
        }

        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build())
            .AddSingleton<TimeProvider>(Time)
            .AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace))
            .AddOpenAIProvider()
            .BuildServiceProvider();
        Factory = _services.GetServices<IChatProviderFactory>().Single(f => f.Type == "openai");
    }

    public IChatProviderFactory Factory { get; }

    public ListLoggerProvider Logs { get; } = new();

    public TestTimeProvider Time { get; } = new();

    public ChatProvider Create() => Factory.Create("up");

    public void Dispose() => _services.Dispose();
}

using Languru.Providers.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Languru.Tests.Infrastructure;

/// <summary>
/// Builds a provider named <c>up</c> of one type through its real registration and factory. Settings are relative to
/// <c>Languru:Providers:up</c>, except keys written <c>env:NAME</c>, which are top-level (like environment variables).
/// </summary>
public class ProviderHarness : IDisposable
{
    private readonly ServiceProvider _services;

    protected ProviderHarness(string type, Func<IServiceCollection, IServiceCollection> register, IEnumerable<(string Key, string? Value)> settings)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["Languru:Providers:up:Type"] = type };
        foreach (var (key, value) in settings)
        {
            values[key.StartsWith("env:", StringComparison.Ordinal) ? key["env:".Length..] : $"Languru:Providers:up:{key}"] = value;
        }

        _services = register(new ServiceCollection()
                .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build())
                .AddSingleton<TimeProvider>(Time)
                .AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace)))
            .BuildServiceProvider();
        Factory = _services.GetServices<IChatProviderFactory>().Single(f => f.Type == type);
    }

    public IChatProviderFactory Factory { get; }

    public FakeLoggerProvider Logs { get; } = new();

    public FakeTimeProvider Time { get; } = TestClock.Create();

    public ChatProvider Create() => Factory.Create("up");

    public void Dispose()
    {
        _services.Dispose();
        Logs.Dispose();
        GC.SuppressFinalize(this);
    }
}

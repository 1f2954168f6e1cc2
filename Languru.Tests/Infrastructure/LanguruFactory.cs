using System.Net;
using Languru.Providers.Routing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Languru.Tests.Infrastructure;

/// <summary>
/// Hosts the gateway for tests: in memory by default, or on real Kestrel at 127.0.0.1 on a free port
/// (<see cref="StartKestrel"/>). The clock is pinned; settings and services can be added before the first use.
/// </summary>
public sealed class LanguruFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action<IServiceCollection>> _services = [];

    public LanguruFactory()
    {
        // Hermetic: a developer's real keys and addresses in the environment must not reach the tests.
        With("OPENAI_API_KEY", "");
        With("OPENAI_BASE_URL", "");
        With("OLLAMA_HOST", "");
        With("LANGURU_API_KEYS", "");
    }

    public FakeTimeProvider Time { get; } = TestClock.Create();

    public LanguruFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public LanguruFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>Adds a provider named <paramref name="name"/> that serves <paramref name="models"/> with <paramref name="client"/>.</summary>
    public LanguruFactory WithProvider(string name, IChatClient client, params string[] models)
    {
        var type = $"stub-{name}";
        With($"Languru:Providers:{name}:Type", type);
        for (var i = 0; i < models.Length; i++)
        {
            With($"Languru:Providers:{name}:Models:{i}", models[i]);
        }

        return WithServices(s => s.AddSingleton<IChatProviderFactory>(new StubProviderFactory(type, client)));
    }

    /// <summary>Starts real Kestrel on 127.0.0.1 and returns its base address (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri StartKestrel()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // As host settings too, so that Program sees them while it registers services (e.g. OTEL_EXPORTER_OTLP_ENDPOINT).
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }
}

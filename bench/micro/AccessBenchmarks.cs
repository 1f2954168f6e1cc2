using BenchmarkDotNet.Attributes;
using Languru.Api.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Languru.Bench.Micro;

/// <summary>
/// Authenticating one request by its API key as the authentication middleware does: a request scope, the
/// authentication service, the scheme's handler, the key's lookup and the result; the first request on a connection
/// (the key hashed) and one after it on a keep-alive connection (the key remembered).
/// </summary>
[MemoryDiagnoser]
public class AccessBenchmarks
{
    private readonly DefaultConnectionContext _connection = new();
    private ServiceProvider _services = null!;

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{AccessOptions.SectionName}:Keys:bench:Key"] = "sk-bench" })
            .Build();
        _services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddLanguruAccess().BuildServiceProvider();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public Task<bool> Authenticate() => AuthenticateAsync(connection: null);

    /// <summary>A request after the first on a keep-alive HTTP/1.1 connection, which remembers the key it authenticated.</summary>
    [Benchmark]
    public Task<bool> Authenticate_KeepAlive() => AuthenticateAsync(_connection);

    private async Task<bool> AuthenticateAsync(IConnectionItemsFeature? connection)
    {
        await using var scope = _services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Protocol = "HTTP/1.1";
        if (connection is not null)
        {
            context.Features.Set<IConnectionItemsFeature>(connection);
        }

        context.Request.Headers.Authorization = "Bearer sk-bench";
        var result = await context.AuthenticateAsync();
        return result.Succeeded;
    }
}

using BenchmarkDotNet.Attributes;
using Languru.Api.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Languru.Bench.Micro;

/// <summary>
/// Authenticating one request by its API key as the authentication middleware does: a request scope, the
/// authentication service, the scheme's handler, the key's lookup and the result.
/// </summary>
[MemoryDiagnoser]
public class AccessBenchmarks
{
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

    [Benchmark]
    public async Task<bool> Authenticate()
    {
        await using var scope = _services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = "Bearer sk-bench";
        var result = await context.AuthenticateAsync();
        return result.Succeeded;
    }
}

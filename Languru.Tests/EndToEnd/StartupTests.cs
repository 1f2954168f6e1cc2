using System.Net;
using System.Net.Sockets;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.EndToEnd;

/// <summary>The built gateway started as a user starts it: <c>dotnet Languru.Api.dll</c>, in a process of its own.</summary>
public class StartupTests
{
    private const string Listening = "Now listening on: ";

    // The gateway's own build output (the same configuration as the tests'), as `dotnet run` or a deployment runs it.
    private static readonly string Gateway = Repo.Path(
        "Languru.Api", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "Languru.Api.dll");

    private static Dictionary<string, string> Environment(params (string Name, string Value)[] settings)
    {
        // Hermetic, as in LanguruFactory: a developer's keys and addresses must not change what starts.
        var environment = new Dictionary<string, string> { ["OPENAI_API_KEY"] = "", ["OPENAI_BASE_URL"] = "", ["OLLAMA_HOST"] = "", ["ASPNETCORE_URLS"] = "" };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return environment;
    }

    [Test]
    public async Task BadSettings_ListEveryProblemOnItsOwnLine_AndExitWith1()
    {
        // Act
        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync("dotnet", [Gateway, "--urls", "http://127.0.0.1:0"], environment: Environment(
            ("Languru__Providers__echo__DeltaDelay", "banana"),
            ("Languru__Providers__ollama__Enabled", "maybe"),
            ("Languru__Providers__openai__MaxRetries", "99"),
            ("Languru__Providers__extra__Type", "teleport"),
            ("Languru__Aliases__default", "nowhere")));

        // Assert
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        var lines = stderr.TrimEnd().Split('\n');
        Assert.That(lines[0], Is.EqualTo("Languru cannot start: 5 configuration problems:"));
        Assert.That(lines[1..^1], Is.EquivalentTo(new[]
        {
            "  Languru:Providers:echo:DeltaDelay 'banana' is not a duration: expected [d.]hh:mm:ss[.fff], e.g. 00:00:30 or 00:00:00.250.",
            "  Languru:Providers:ollama:Enabled 'maybe' is not a boolean: expected true or false.",
            "  Languru:Providers:openai:MaxRetries '99': The field MaxRetries must be between 0 and 10.",
            "  Languru:Providers:extra:Type 'teleport' is unknown; known types: echo, openai, ollama.",
            "  Languru:Aliases:default: no provider serves 'nowhere'. Use 'provider/model' or a name listed in a provider's Models.",
        }));
        Assert.That(lines[^1], Does.StartWith("Settings come from appsettings.json, environment variables"));
    }

    [Test]
    public async Task PortInUse_OneLineNamingTheAddressAndHowToPickAnother_AndExitWith1()
    {
        // Arrange
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        // Act
        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync("dotnet", [Gateway, "--urls", address], environment: Environment());

        // Assert
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty, "no log line with a stack trace");
        Assert.That(stderr, Is.EqualTo(
            $"Languru cannot start: {address} is already in use by another program. Stop that program, or pick another address with --urls (e.g. --urls http://localhost:8001) or ASPNETCORE_URLS.\n"));
    }

    [Test]
    public async Task StartedFromTheRepositoryRoot_FindsItsOwnSettings()
    {
        // Arrange
        string? models = null;

        // Act
        var (_, stdout, stderr) = await ProcessRunner.RunUntilAsync("dotnet", [Gateway, "--urls", "http://127.0.0.1:0"],
            until: line => line.Contains(Listening, StringComparison.Ordinal),
            whileRunning: async line =>
            {
                using var client = new HttpClient { BaseAddress = new Uri(line[(line.IndexOf(Listening, StringComparison.Ordinal) + Listening.Length)..].Trim()) };
                models = await client.GetStringAsync("/v1/models");
            },
            workingDirectory: Repo.Root,
            environment: Environment());

        // Assert
        Assert.That(models, Does.Contain("""{"id":"echo","object":"model","""), stdout + stderr);
        Assert.That(stdout, Does.Not.Contain("No provider is configured"));
    }

    [Test]
    public async Task NoProviderConfigured_WarnsAtStartup()
    {
        // Act
        var (_, stdout, _) = await ProcessRunner.RunUntilAsync("dotnet", [Gateway, "--urls", "http://127.0.0.1:0"],
            until: line => line.Contains(Listening, StringComparison.Ordinal),
            environment: Environment(("Languru__Providers__echo__Enabled", "false")));

        // Assert
        Assert.That(stdout, Does.Contain(
            "No provider is configured: every model answers 404 and /v1/models is empty. Configure one under Languru:Providers (see docs/configuration.md). Not configured: echo: set Languru:Providers:echo:Enabled to true;"));
    }
}

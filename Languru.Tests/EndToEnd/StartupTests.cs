using System.Net;
using System.Net.Sockets;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.EndToEnd;

/// <summary>The built gateway started as a user starts it, <c>dotnet Languru.Api.dll</c>: what it says when it cannot start.</summary>
public class StartupTests
{
    [Test]
    public async Task BadSettings_ListEveryProblemOnItsOwnLine_AndExitWith1()
    {
        // Act
        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync("dotnet", [GatewayProcess.Dll, "--urls", "http://127.0.0.1:0"], environment: GatewayProcess.Environment(
            ("Languru__Providers__echo__DeltaDelay", "banana"),
            ("Languru__Providers__ollama__Enabled", "maybe"),
            ("Languru__Providers__openai__MaxRetries", "99"),
            ("Languru__Providers__extra__Type", "teleport"),
            ("Languru__Aliases__default", "nowhere"),
            ("Languru__Shutdown__DrainDelay", "later"),
            ("Languru__Limits__MaxChoices", "many")));

        // Assert
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        var lines = stderr.TrimEnd().Split('\n');
        Assert.That(lines[0], Is.EqualTo("Languru cannot start: 7 configuration problems:"));
        Assert.That(lines[1..^1], Is.EquivalentTo(new[]
        {
            "  Languru:Providers:echo:DeltaDelay 'banana' is not a duration: expected [d.]hh:mm:ss[.fff], e.g. 00:00:30 or 00:00:00.250.",
            "  Languru:Providers:ollama:Enabled 'maybe' is not a boolean: expected true or false.",
            "  Languru:Providers:openai:MaxRetries '99': The field MaxRetries must be between 0 and 10.",
            "  Languru:Providers:extra:Type 'teleport' is unknown; known types: echo, openai, ollama.",
            "  Languru:Aliases:default: no provider serves 'nowhere'. Use 'provider/model' or a name listed in a provider's Models.",
            "  Languru:Shutdown:DrainDelay 'later' is not a duration: expected [d.]hh:mm:ss[.fff], e.g. 00:00:30 or 00:00:00.250.",
            "  Languru:Limits:MaxChoices 'many' is not a whole number.",
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
        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync("dotnet", [GatewayProcess.Dll, "--urls", address], environment: GatewayProcess.Environment());

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
        await using var gateway = await GatewayProcess.StartAsync([], GatewayProcess.Environment(), workingDirectory: Repo.Root);
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };

        // Act
        var models = await client.GetStringAsync("v1/models");
        await gateway.WaitForOutputAsync("API keys:"); // the start-up summary's last line

        // Assert
        Assert.That(models, Does.Contain("""{"id":"echo","object":"model","""), gateway.Output);
        Assert.That(gateway.Output, Does.Not.Contain("No provider is configured"));
    }

    [Test]
    public async Task NoProviderConfigured_WarnsAtStartup()
    {
        // Act
        await using var gateway = await GatewayProcess.StartAsync([], GatewayProcess.Environment(("Languru__Providers__echo__Enabled", "false")), Repo.Root);
        await gateway.WaitForOutputAsync("API keys:"); // the start-up summary's last line

        // Assert
        Assert.That(gateway.Output, Does.Contain(
            "No provider is configured: every model answers 404 and /v1/models is empty. Configure one under Languru:Providers (see docs/configuration.md). Not configured: echo: set Languru:Providers:echo:Enabled to true;"));
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Clients;

/// <summary>docs/clients.md's page on another origin, running the seed's JavaScript in a real browser (Chromium).</summary>
public class CrossOriginBrowserTests
{
    [TestCase(true, new[] { "Tell", " me", " a", " joke", "", "(done)" })]
    [TestCase(false, new[] { "(failed) TypeError: Failed to fetch" })]
    public Task SeedExample_FromAnotherOrigin_StreamsOnlyWhenTheOriginIsAllowed(bool allowed, string[] logged) =>
        RunPageAsync("browser-cross-origin", allowed, logged);

    [Test]
    public Task OpenAIJavaScriptSdk_FromAnAllowedOrigin_PassesThePreflightAndReadsTheRouteHeaders() =>
        RunPageAsync("browser-openai-sdk", allowed: true, ["answered by echo/echo", "Tell", " me", " a", " joke", "", "(done)"]);

    private static async Task RunPageAsync(string example, bool allowed, string[] logged)
    {
        // Arrange: the gateway as the page documents it (the seed's key, the page's origin), both on free ports
        ClientTools.Require(ClientTools.Chromium, "apt-get install chromium");
        await ClientTools.EnsureNpmPackagesAsync();
        var pagePort = FreePort();
        await using var factory = new LanguruFactory().With("LANGURU_API_KEYS", "your_api_key_here");
        if (allowed)
        {
            factory.With("Languru:Cors:AllowedOrigins:0", $"http://127.0.0.1:{pagePort}");
        }

        var gateway = factory.StartKestrel();
        var scratch = ClientTools.ScratchDirectoryWithNodeModules();
        var script = Path.Combine(scratch, "browser-page.mjs");
        File.Copy(ProcessRunner.Fixture("Clients", "browser-page.mjs"), script);
        File.Copy(ProcessRunner.Fixture("Clients", "chromium.mjs"), Path.Combine(scratch, "chromium.mjs"));
        var page = Path.Combine(scratch, "index.html");
        await File.WriteAllTextAsync(page, DocExamples.For(example, gateway));

        try
        {
            // Act
            var run = await ProcessRunner.RunAsync("node", [script, pagePort.ToString(System.Globalization.CultureInfo.InvariantCulture), page], scratch, timeout: TimeSpan.FromMinutes(2));

            // Assert
            Assert.That(run.ExitCode, Is.Zero, run.StdOut + run.StdErr);
            Assert.That(JsonSerializer.Deserialize<string[]>(run.StdOut), Is.EqualTo(logged));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

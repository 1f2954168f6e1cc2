using System.Text.Json;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Clients;

/// <summary>Swagger UI at /docs, used in a real browser (Debian's Chromium driven by playwright-core).</summary>
public class SwaggerUiBrowserTests
{
    [TestCase(null)]
    [TestCase("sk-swagger-ui-test")]
    public async Task TryItOut_ExecutesTheExampleAndShowsTheCompletion(string? key)
    {
        // Arrange: with a key, the gateway needs it, so the 200 proves that Authorize made Swagger UI send it
        ClientTools.Require(ClientTools.Chromium, "apt-get install chromium");
        await ClientTools.EnsureNpmPackagesAsync();
        await using var factory = new LanguruFactory().With("LANGURU_API_KEYS", key ?? "");
        var gateway = factory.StartKestrel();
        var scratch = ClientTools.ScratchDirectoryWithNodeModules();
        var script = Path.Combine(scratch, "swagger-ui.mjs");
        File.Copy(ProcessRunner.Fixture("Clients", "swagger-ui.mjs"), script);
        File.Copy(ProcessRunner.Fixture("Clients", "chromium.mjs"), Path.Combine(scratch, "chromium.mjs"));
        var screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, key is null ? "swagger-ui-try-it-out.png" : "swagger-ui-authorized.png");

        try
        {
            // Act
            var run = await ProcessRunner.RunAsync("node", key is null ? [script, gateway.ToString(), screenshot] : [script, gateway.ToString(), screenshot, key], scratch, timeout: TimeSpan.FromMinutes(2));

            // Assert
            Assert.That(run.ExitCode, Is.Zero, run.StdOut + run.StdErr);
            TestContext.AddTestAttachment(screenshot, "Swagger UI after Execute");
            using var rendered = JsonDocument.Parse(run.StdOut);
            Assert.That(rendered.RootElement.GetProperty("status").GetString(), Is.EqualTo("200"));
            using var completion = JsonDocument.Parse(rendered.RootElement.GetProperty("body").GetString()!);
            Assert.That(completion.RootElement.GetProperty("object").GetString(), Is.EqualTo("chat.completion"));
            Assert.That(completion.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("Hello! Tell me a joke."));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}

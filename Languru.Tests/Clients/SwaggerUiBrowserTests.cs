using System.Text.Json;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Clients;

/// <summary>Swagger UI at /docs, used in a real browser (Debian's Chromium driven by playwright-core).</summary>
public class SwaggerUiBrowserTests
{
    [Test]
    public async Task TryItOut_ExecutesTheExampleAndShowsTheCompletion()
    {
        // Arrange
        ClientTools.Require(ClientTools.Chromium, "apt-get install chromium");
        await ClientTools.EnsureNpmPackagesAsync();
        await using var factory = new LanguruFactory();
        var gateway = factory.StartKestrel();
        var scratch = ClientTools.ScratchDirectoryWithNodeModules();
        var script = Path.Combine(scratch, "swagger-ui.mjs");
        File.Copy(ProcessRunner.Fixture("Clients", "swagger-ui.mjs"), script);
        var screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "swagger-ui-try-it-out.png");

        try
        {
            // Act
            var run = await ProcessRunner.RunAsync("node", [script, gateway.ToString(), screenshot], scratch, timeout: TimeSpan.FromMinutes(2));

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

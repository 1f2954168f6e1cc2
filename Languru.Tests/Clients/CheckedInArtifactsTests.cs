using System.Text.Json.Nodes;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Clients;

/// <summary>
/// What is generated and checked in must match what the code produces now. When one of these fails, run
/// <c>bash clients/generate.sh</c> and commit the result.
/// </summary>
public class CheckedInArtifactsTests
{
    private const string Regenerate = "stale: run `bash clients/generate.sh` and commit the result";

    private static JsonNode Load(string path) => JsonNode.Parse(File.ReadAllText(path))!;

    [Test]
    public void OpenApiDocument_MatchesTheOneTheBuildProduces()
    {
        // Arrange
        var built = Repo.Path("Languru.Api", "obj", "openapi", "openapi.json");
        Assert.That(File.Exists(built), Is.True, "the build produces the document (Microsoft.Extensions.ApiDescription.Server)");

        // Act & Assert
        Assert.That(JsonNode.DeepEquals(Load(Repo.Path("docs", "openapi.json")), Load(built)), Is.True, $"docs/openapi.json is {Regenerate}");
    }

    [Test]
    public async Task OpenApiDocument_MatchesTheOneTheGatewayServes()
    {
        // Arrange
        await using var factory = new LanguruFactory();
        using var client = factory.CreateClient();
        var served = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject();
        served.Remove("servers"); // filled in from the request's own address

        // Act & Assert
        Assert.That(JsonNode.DeepEquals(Load(Repo.Path("docs", "openapi.json")), served), Is.True, $"docs/openapi.json is {Regenerate}");
    }

    [Test]
    public async Task GeneratedClients_MatchWhatNSwagGeneratesFromTheDocument()
    {
        // Arrange
        await ClientTools.EnsureDotnetToolsAsync();
        var output = Directory.CreateTempSubdirectory("languru-nswag-").FullName;
        try
        {
            // Act
            var run = await ProcessRunner.RunAsync("dotnet",
                ["tool", "run", "nswag", "run", "nswag.json", $"/variables:Output={output}"],
                ClientTools.ClientsDir,
                timeout: TimeSpan.FromMinutes(3));

            // Assert
            Assert.That(run.ExitCode, Is.Zero, run.StdOut + run.StdErr);
            foreach (var file in new[] { Path.Combine("csharp", "LanguruClient.cs"), Path.Combine("typescript", "languru-client.ts") })
            {
                Assert.That(File.ReadAllText(Path.Combine(output, file)), Is.EqualTo(File.ReadAllText(Path.Combine(ClientTools.ClientsDir, file))),
                    $"clients/{file} is {Regenerate}");
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}

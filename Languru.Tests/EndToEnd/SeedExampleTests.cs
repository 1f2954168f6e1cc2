using Languru.Tests.Infrastructure;

namespace Languru.Tests.EndToEnd;

/// <summary>The examples of the user's seed documents, run as written against a real gateway.</summary>
public class SeedExampleTests
{
    [Test]
    public async Task JavaScriptStreamingExample_PrintsTheEchoedAnswerDeltaByDelta()
    {
        // Arrange
        await using var factory = new LanguruFactory();
        var baseUrl = factory.StartKestrel();

        // Act
        var (exitCode, stdout, stderr) = await ProcessRunner.NodeAsync(
            ProcessRunner.Fixture("EndToEnd", "Seeds", "run-seed.js"), baseUrl.ToString(), ProcessRunner.Fixture("EndToEnd", "Seeds", "chatbot-api.stream.js"));

        // Assert
        Assert.That(exitCode, Is.Zero, stderr);
        Assert.That(stdout.Split('\n'), Is.EqualTo(new[] { "Tell", " me", " a", " joke", "", "" }),
            "one console.log per delta: four words, the finish delta's empty content, then the trailing newline");
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Clients;

/// <summary>
/// The Vercel AI SDK's default OpenAI model speaks the Responses API: a tool call and its answer, whole and streamed,
/// through the gateway to an upstream that speaks only chat completions.
/// </summary>
public class VercelAiSdkTests
{
    private FakeUpstream _upstream = null!;
    private LanguruFactory _factory = null!;
    private Uri _gateway = null!;
    private string _scratch = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        await ClientTools.EnsureNpmPackagesAsync();
        _upstream = await FakeUpstream.StartAsync();
        _factory = new LanguruFactory()
            .With("OPENAI_API_KEY", "sk-gateway-secret")
            .With("OPENAI_BASE_URL", new Uri(_upstream.BaseUrl, "v1").ToString());
        _gateway = _factory.StartKestrel();
        _scratch = ClientTools.ScratchDirectoryWithNodeModules();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        await _upstream.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    [Test]
    public async Task ToolCall_IsMadeAndAnswered_WholeAndStreamed()
    {
        // Arrange: the upstream calls the tool until it is given the tool's result, then answers.
        _upstream.Handler = context =>
        {
            var body = _upstream.LastRequest.Body;
            var answered = body.Contains("\"role\":\"tool\"", StringComparison.Ordinal);
            var stream = body.Contains("\"stream\":true", StringComparison.Ordinal);
            return (answered, stream) switch
            {
                (false, false) => Respond.Json(OpenAIFixtures.ToolCallsAnswer)(context),
                (true, false) => Respond.Json(OpenAIFixtures.PlainAnswer)(context),
                (false, true) => Respond.Sse(OpenAIFixtures.StreamedToolCalls[..4].Append(OpenAIFixtures.Chunk("{}", "\"tool_calls\"")).Append(OpenAIFixtures.Done))(context),
                (true, true) => Respond.Sse(OpenAIFixtures.StreamedAnswer)(context),
            };
        };
        var script = Path.Combine(_scratch, "ai-sdk-tools.mjs");
        File.Copy(ProcessRunner.Fixture("Clients", "ai-sdk-tools.mjs"), script, overwrite: true);

        // Act
        var run = await ProcessRunner.NodeAsync(script, new Uri(_gateway, "v1").ToString());

        // Assert
        Assert.That(run.ExitCode, Is.Zero, $"stdout:\n{run.StdOut}\nstderr:\n{run.StdErr}");
        using var result = JsonDocument.Parse(run.StdOut);
        Assert.That(result.RootElement.GetProperty("calls").GetRawText(), Is.EqualTo("""[["get_weather",{"city":"Paris"}]]"""));
        Assert.That(result.RootElement.GetProperty("text").GetString(), Is.EqualTo("Hello from upstream!"));
        Assert.That(result.RootElement.GetProperty("streamedCalls").GetRawText(), Is.EqualTo("""[["get_weather",{"city":"Paris"}]]"""));
        Assert.That(result.RootElement.GetProperty("streamedText").GetString(), Is.EqualTo("Hello there!"));
        var answered = _upstream.Requests.Where(r => r.Body.Contains("\"role\":\"tool\"", StringComparison.Ordinal)).Select(r => JsonNode.Parse(r.Body)!["messages"]!.AsArray()).ToList();
        Assert.That(answered, Has.Count.EqualTo(2), "both runs sent the tool's result back");
        Assert.That(answered.Select(m => m[^1]!["content"]!.GetValue<string>()), Is.All.EqualTo("18 degrees in Paris"));
    }
}

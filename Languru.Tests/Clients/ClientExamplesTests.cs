using System.Text.Json;
using Languru.Providers.Echo;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Clients;

/// <summary>Runs every example of docs/clients.md against a real gateway, as written.</summary>
public class ClientExamplesTests
{
    private LanguruFactory _factory = null!;
    private Uri _gateway = null!;
    private string _scratch = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        await ClientTools.EnsureNpmPackagesAsync();
        _factory = new LanguruFactory();
        _gateway = _factory.StartKestrel();
        _scratch = ClientTools.ScratchDirectoryWithNodeModules();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    private string Write(string fileName, string content)
    {
        var path = Path.Combine(_scratch, fileName);
        File.WriteAllText(path, content);
        return path;
    }

    private static void AssertSucceeded((int ExitCode, string StdOut, string StdErr) run) =>
        Assert.That(run.ExitCode, Is.Zero, $"stdout:\n{run.StdOut}\nstderr:\n{run.StdErr}");

    [Test]
    public async Task Curl_WholeAnswer()
    {
        // Act
        var run = await ProcessRunner.RunAsync("bash", ["-c", DocExamples.For("curl-whole", _gateway)]);

        // Assert
        AssertSucceeded(run);
        using var json = JsonDocument.Parse(run.StdOut);
        Assert.That(json.RootElement.GetProperty("object").GetString(), Is.EqualTo("chat.completion"));
        Assert.That(json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), Is.EqualTo("Tell me a joke"));
    }

    [Test]
    public async Task Curl_Stream()
    {
        // Act
        var run = await ProcessRunner.RunAsync("bash", ["-c", DocExamples.For("curl-stream", _gateway)]);

        // Assert
        AssertSucceeded(run);
        var chunks = ServerSentEvents.Chunks(run.StdOut);
        Assert.That(string.Concat(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString())), Is.EqualTo("Tell me a joke"));
    }

    [Test]
    public async Task Curl_Embeddings()
    {
        // Act
        var run = await ProcessRunner.RunAsync("bash", ["-c", DocExamples.For("curl-embeddings", _gateway)]);

        // Assert
        AssertSucceeded(run);
        using var json = JsonDocument.Parse(run.StdOut);
        Assert.That(json.RootElement.GetProperty("object").GetString(), Is.EqualTo("list"));
        var vector = json.RootElement.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(x => x.GetSingle());
        Assert.That(vector, Is.EqualTo(EchoEmbedding.Embed("The quick brown fox", 4)));
    }

    [Test]
    public async Task OpenAINodeSdk_Embeddings()
    {
        // Arrange
        var script = Write("embeddings.mjs", DocExamples.For("node-openai-embeddings", _gateway));

        // Act
        var run = await ProcessRunner.NodeAsync(script);

        // Assert
        AssertSucceeded(run);
        Assert.That(run.StdOut, Is.EqualTo("3 256 15\ntrue\n"));
    }

    [Test]
    public async Task OpenAINodeSdk_Embeddings_AsksForBase64AndGetsExactlyTheFloatVectors()
    {
        // Arrange: the SDK with a fetch that records what it sends; the float form fetched by hand to compare
        var script = Write("embeddings-base64.mjs", $$"""
            import OpenAI from 'openai';

            const baseURL = '{{_gateway}}v1';
            const sent = [];
            const recordingFetch = (url, init) => { sent.push(JSON.parse(init.body)); return fetch(url, init); };
            const client = new OpenAI({ baseURL, apiKey: 'unused', fetch: recordingFetch });
            const input = ['The cat sat on the mat', 'Stock prices fell'];
            const viaSdk = await client.embeddings.create({ model: 'default', input, dimensions: 32 });
            const floats = await (await fetch(`${baseURL}/embeddings`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ model: 'default', input, dimensions: 32, encoding_format: 'float' }),
            })).json();
            console.log(JSON.stringify({
              asked: sent[0].encoding_format,
              sdk: viaSdk.data.map((d) => d.embedding),
              floats: floats.data.map((d) => d.embedding),
            }));
            """);

        // Act
        var run = await ProcessRunner.NodeAsync(script);

        // Assert
        AssertSucceeded(run);
        using var json = JsonDocument.Parse(run.StdOut);
        Assert.That(json.RootElement.GetProperty("asked").GetString(), Is.EqualTo("base64"));
        static float[][] Vectors(JsonElement e) => [.. e.EnumerateArray().Select(v => v.EnumerateArray().Select(x => x.GetSingle()).ToArray())];
        var sdk = Vectors(json.RootElement.GetProperty("sdk"));
        Assert.That(sdk, Is.EqualTo(Vectors(json.RootElement.GetProperty("floats"))), "the SDK's decoding of base64 gives the float32 values of the float form");
        Assert.That(sdk[0], Has.Length.EqualTo(32));
    }

    [Test]
    public async Task Python_RequestsStreaming()
    {
        // Arrange
        ClientTools.Require(ClientTools.Python, "apt-get install python3-requests");
        var script = Write("stream.py", DocExamples.For("python-stream", _gateway));

        // Act
        var run = await ProcessRunner.RunAsync(ClientTools.Python, [script]);

        // Assert
        AssertSucceeded(run);
        Assert.That(run.StdOut, Is.EqualTo("Tell me a joke\n"));
    }

    [Test]
    public async Task JavaScript_FetchStreamingWithBufferedLines()
    {
        // Arrange
        var script = Write("stream.js", DocExamples.For("js-fetch-stream", _gateway));

        // Act
        var run = await ProcessRunner.NodeAsync(script);

        // Assert
        AssertSucceeded(run);
        Assert.That(run.StdOut, Is.EqualTo("Tell me a joke\n"));
    }

    [Test]
    public async Task OpenAINodeSdk_WholeAndStreamed()
    {
        // Arrange
        var script = Write("openai-example.mjs", DocExamples.For("node-openai", _gateway));

        // Act
        var run = await ProcessRunner.NodeAsync(script);

        // Assert
        AssertSucceeded(run);
        Assert.That(run.StdOut, Is.EqualTo("Tell me a joke\nTell me a joke\n"));
    }

    [Test]
    public async Task OpenAINodeSdk_ResponsesCreateAndStream()
    {
        // Arrange
        var script = Write("openai-responses.mjs", DocExamples.For("node-openai-responses", _gateway));

        // Act
        var run = await ProcessRunner.NodeAsync(script);

        // Assert
        AssertSucceeded(run);
        Assert.That(run.StdOut, Is.EqualTo("Tell me a joke\nAnother one\ncompleted, 10 input tokens\n"), "the second turn carried the first");
    }

    [Test]
    public async Task VercelAiSdk_GenerateTextAndStreamText()
    {
        // Arrange
        var script = Write("ai-sdk.mjs", DocExamples.For("ai-sdk", _gateway));

        // Act
        var run = await ProcessRunner.NodeAsync(script);

        // Assert
        AssertSucceeded(run);
        Assert.That(run.StdOut, Is.EqualTo("Tell me a joke\nTell me a joke\n"));
    }

    [Test]
    public async Task OpenAIDotNetSdk_WholeAndStreamed()
    {
        // Act
        var run = await RunFileBasedAppAsync("openai-example", DocExamples.For("dotnet-openai", _gateway));

        // Assert
        AssertSucceeded(run);
        Assert.That(run.StdOut, Is.EqualTo("Tell me a joke\nTell me a joke\n"));
    }

    [Test]
    public async Task NSwagCSharpClient_CompletionModelsAndAnError()
    {
        // Arrange: the example, followed by the checked-in generated client (a file-based app is one file).
        var source = DocExamples.For("nswag-csharp", _gateway) + "\n" + await File.ReadAllTextAsync(Repo.Path("clients", "csharp", "LanguruClient.cs"));

        // Act
        var run = await RunFileBasedAppAsync("nswag-example", source);

        // Assert
        AssertSucceeded(run);
        Assert.That(run.StdOut.Split('\n'), Is.EqualTo(new[]
        {
            "Tell me a joke",
            "echo, default",
            "404 model_not_found: The model 'no-such-model' does not exist. Models you can use: echo, default, echo/<model>. "
                + "To serve another name, add it to Languru:Aliases or to a provider's Languru:Providers:<name>:Models (see docs/configuration.md).",
            "",
        }));
    }

    [Test]
    public async Task NSwagTypeScriptClient_CompilesStrictAndCallsTheGateway()
    {
        // Arrange
        File.Copy(Repo.Path("clients", "typescript", "languru-client.ts"), Path.Combine(_scratch, "languru-client.ts"), overwrite: true);
        Write("example.ts", DocExamples.For("typescript-nswag", _gateway));
        var tsc = Path.Combine(_scratch, "node_modules", "typescript", "bin", "tsc");

        // Act
        var compile = await ProcessRunner.RunAsync("node",
            [tsc, "--strict", "--module", "commonjs", "--target", "es2022", "--lib", "es2022,dom", "--outDir", "out", "example.ts", "languru-client.ts"], _scratch);
        AssertSucceeded(compile);
        var run = await ProcessRunner.RunAsync("node", [Path.Combine("out", "example.js")], _scratch);

        // Assert
        AssertSucceeded(run);
        Assert.That(run.StdOut.Split('\n'), Is.EqualTo(new[]
        {
            "Tell me a joke",
            "echo, default",
            "model_not_found: The model 'no-such-model' does not exist. Models you can use: echo, default, echo/<model>. "
                + "To serve another name, add it to Languru:Aliases or to a provider's Languru:Providers:<name>:Models (see docs/configuration.md).",
            "",
        }));
    }

    /// <summary>
    /// Runs C# as a .NET 10 file-based app. One line is added: this machine's NuGet registry lacks the Native AOT
    /// packages that file-based apps ask for by default, and the example does not need them.
    /// </summary>
    private async Task<(int ExitCode, string StdOut, string StdErr)> RunFileBasedAppAsync(string name, string source)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_scratch, name)).FullName;
        var file = Path.Combine(dir, "example.cs");
        await File.WriteAllTextAsync(file, "#:property PublishAot=false\n" + source);
        return await ProcessRunner.RunAsync("dotnet", ["run", file], dir, timeout: TimeSpan.FromMinutes(5));
    }
}

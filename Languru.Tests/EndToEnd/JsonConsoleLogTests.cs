using System.Net;
using System.Text;
using System.Text.Json;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.EndToEnd;

/// <summary>
/// The gateway as users start it, with <c>Logging:Console:FormatterName=json</c>: the start-up summary and the
/// per-request line arrive as JSON objects whose fields can be read one by one, numbers as numbers.
/// </summary>
public class JsonConsoleLogTests
{
    // The event ids of the summary and the request line (the JSON formatter writes ids, not names).
    private const int RequestServed = 400;
    private const int StartupListening = 500;
    private const int StartupProviderOn = 501;
    private const int StartupProviderOff = 502;

    private static List<JsonElement> Entries(GatewayProcess gateway, params int[] eventIds) =>
    [
        .. gateway.Output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .Where(e => e.GetProperty("Category").GetString() is "Languru.Startup" or "Languru.Requests" && eventIds.Contains(e.GetProperty("EventId").GetInt32())),
    ];

    [Test]
    public async Task JsonConsole_LogsTheStartupSummaryAndOneStructuredLinePerRequest()
    {
        // Arrange
        await using var gateway = await GatewayProcess.StartAsync([], GatewayProcess.Environment(("Logging__Console__FormatterName", "json")), Repo.Root);
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent("""{"model":"default","messages":[{"role":"user","content":"never-log-this"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-request-id", "req-json-1");

        // Act
        var response = await client.SendAsync(request);
        await response.Content.ReadAsStringAsync();
        await gateway.WaitForOutputAsync("\"EventId\":400,");
        await gateway.WaitForOutputAsync("API keys:"); // the start-up summary's last line

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var listening = Entries(gateway, StartupListening).Single().GetProperty("State");
        var address = gateway.BaseAddress.ToString().TrimEnd('/');
        Assert.That(listening.GetProperty("Addresses").GetString(), Is.EqualTo(address));
        Assert.That(listening.GetProperty("DocsUrl").GetString(), Is.EqualTo($"{address}/docs"));
        var providers = Entries(gateway, StartupProviderOn, StartupProviderOff).Select(e => e.GetProperty("Message").GetString()).ToList();
        Assert.That(providers, Does.Contain("Provider echo (echo): on"));
        Assert.That(providers, Has.Some.StartsWith("Provider openai (openai): off — set the OPENAI_API_KEY environment variable"));
        Assert.That(providers, Has.Some.StartsWith("Provider ollama (ollama): off — set the OLLAMA_HOST environment variable"));
        var served = Entries(gateway, RequestServed).Single();
        var state = served.GetProperty("State");
        Assert.That(served.GetProperty("LogLevel").GetString(), Is.EqualTo("Information"));
        Assert.That(state.GetProperty("RequestId").GetString(), Is.EqualTo("req-json-1"));
        Assert.That(state.GetProperty("Status").GetInt32(), Is.EqualTo(200), "numbers stay numbers");
        Assert.That(state.GetProperty("AnsweredProvider").GetString(), Is.EqualTo("echo"));
        Assert.That(state.GetProperty("OutputTokens").GetInt64(), Is.EqualTo(1));
        Assert.That(state.GetProperty("Stream").GetBoolean(), Is.False);
        Assert.That(gateway.Output, Does.Not.Contain("never-log-this"));
    }

    [Test]
    public async Task StartupSummary_ConfiguredRoute_NamesItsTargetsStrategyAndFallbacks()
    {
        // Arrange
        string[] settings =
        [
            "--Languru:Routes:smart:Targets:0=echo/a", "--Languru:Routes:smart:Targets:1=echo/b", "--Languru:Routes:smart:Strategy=weighted",
            "--Languru:Routes:smart:Weights:0=3", "--Languru:Routes:smart:Weights:1=1", "--Languru:Routes:smart:Fallbacks:0=default",
        ];

        // Act
        await using var gateway = await GatewayProcess.StartAsync(settings);
        await gateway.WaitForOutputAsync("API keys:");

        // Assert
        Assert.That(gateway.Output, Does.Contain("Route smart: targets echo/a, echo/b, weighted (weights 3, 1); fallbacks default"));
    }
}

using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.EndToEnd;

/// <summary>
/// The gateway as users start it, with <c>Logging:Console:FormatterName=json</c>: the start-up summary and the
/// per-request line arrive as JSON objects whose fields can be read one by one.
/// </summary>
public class JsonConsoleLogTests
{
    // The event ids of the summary and the request line (the JSON formatter writes ids, not names).
    private const int RequestServed = 400;
    private const int StartupListening = 500;
    private const int StartupProviderOn = 501;
    private const int StartupProviderOff = 502;

    private static string ApiAssembly() =>
        Path.Combine(AppContext.BaseDirectory.Replace($"{Path.DirectorySeparatorChar}Languru.Tests{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}Languru.Api{Path.DirectorySeparatorChar}", StringComparison.Ordinal), "Languru.Api.dll");

    [Test]
    public async Task JsonConsole_LogsTheStartupSummaryAndOneStructuredLinePerRequest()
    {
        // Arrange
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Path("Languru.Api") };
        start.ArgumentList.Add(ApiAssembly());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["Logging__Console__FormatterName"] = "json";
        start.Environment["OPENAI_API_KEY"] = "";
        start.Environment["OPENAI_BASE_URL"] = "";
        start.Environment["OLLAMA_HOST"] = "";
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        var lines = Channel.CreateUnbounded<JsonElement>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line && line.StartsWith('{'))
            {
                lines.Writer.TryWrite(JsonDocument.Parse(line).RootElement.Clone());
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var seen = new List<JsonElement>();
            async Task<JsonElement> NextAsync(int eventId)
            {
                while (true)
                {
                    var entry = await lines.Reader.ReadAsync(limit.Token);
                    seen.Add(entry);
                    if (entry.GetProperty("Category").GetString() is "Languru.Startup" or "Languru.Requests" && entry.GetProperty("EventId").GetInt32() == eventId)
                    {
                        return entry;
                    }
                }
            }

            var listening = await NextAsync(StartupListening);
            var address = new Uri(listening.GetProperty("State").GetProperty("Addresses").GetString()!);

            // Act
            using var client = new HttpClient { BaseAddress = address };
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
            {
                Content = new StringContent("""{"model":"default","messages":[{"role":"user","content":"never-log-this"}]}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("x-request-id", "req-json-1");
            var response = await client.SendAsync(request, limit.Token);
            var served = await NextAsync(RequestServed);

            // Assert
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(listening.GetProperty("State").GetProperty("DocsUrl").GetString(), Is.EqualTo($"{address.ToString().TrimEnd('/')}/docs"));
            var providers = seen.Where(e => e.GetProperty("Category").GetString() == "Languru.Startup" && e.GetProperty("EventId").GetInt32() is StartupProviderOn or StartupProviderOff).Select(e => e.GetProperty("Message").GetString()).ToList();
            Assert.That(providers, Does.Contain("Provider echo (echo): on"));
            Assert.That(providers, Has.Some.StartsWith("Provider openai (openai): off — set the OPENAI_API_KEY environment variable"));
            Assert.That(providers, Has.Some.StartsWith("Provider ollama (ollama): off — set the OLLAMA_HOST environment variable"));
            var state = served.GetProperty("State");
            Assert.That(served.GetProperty("LogLevel").GetString(), Is.EqualTo("Information"));
            Assert.That(state.GetProperty("RequestId").GetString(), Is.EqualTo("req-json-1"));
            Assert.That(state.GetProperty("Status").GetInt32(), Is.EqualTo(200), "numbers stay numbers");
            Assert.That(state.GetProperty("AnsweredProvider").GetString(), Is.EqualTo("echo"));
            Assert.That(state.GetProperty("OutputTokens").GetInt64(), Is.EqualTo(1));
            Assert.That(state.GetProperty("Stream").GetBoolean(), Is.False);
            Assert.That(served.GetRawText(), Does.Not.Contain("never-log-this"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }
}

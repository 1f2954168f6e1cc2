using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.EndToEnd;

/// <summary>
/// <c>/metrics</c> as Prometheus sees it: Debian's real <c>prometheus</c> server, on a free loopback port with a
/// temporary configuration, scrapes the gateway, and its query API returns the gateway's series.
/// </summary>
public class PrometheusScrapeTests
{
    private const string Prometheus = "/usr/bin/prometheus";

    [Test]
    public async Task RealPrometheus_ScrapesTheGatewayAndQueriesItsSeries()
    {
        // Arrange
        ClientTools.Require(Prometheus, "apt-get install prometheus");
        await using var factory = new LanguruFactory().With("Languru:Telemetry:Prometheus", "true");
        using var gateway = new HttpClient { BaseAddress = factory.StartKestrel() };
        var chat = await gateway.PostAsync("v1/chat/completions",
            new StringContent("""{"model":"default","messages":[{"role":"user","content":"scrape me"}]}""", Encoding.UTF8, "application/json"));
        Assert.That(chat.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var text = await gateway.GetStringAsync("metrics");
        Assert.That(text, Does.Contain("# TYPE languru_requests_total counter"));
        Assert.That(text, Does.Contain("gen_ai_client_operation_duration_seconds_count{").And.Contain("gen_ai_provider_name=\"echo\""),
            "the provider call's GenAI client metrics, recorded without the library's span-making client");
        Assert.That(text, Does.Contain("http_server_request_duration_seconds_count{").And.Contain("kestrel_active_connections{"),
            "ASP.NET Core's and Kestrel's meters");
        Assert.That(text, Does.Not.Contain("aspnetcore_memory_pool"), "Kestrel's memory-pool meter is dropped");

        var dir = Directory.CreateTempSubdirectory("languru-prometheus-").FullName;
        var config = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: languru
                metrics_path: /metrics
                static_configs:
                  - targets: ["{gateway.BaseAddress!.Authority}"]
            """);
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo(Prometheus) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir, "data")}", $"--web.listen-address=127.0.0.1:{port}"])
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StringBuilder();
        using var prometheus = Process.Start(start)!;
        prometheus.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        prometheus.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        prometheus.BeginErrorReadLine();
        prometheus.BeginOutputReadLine();
        try
        {
            using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };

            // Act
            var series = await QueryUntilFoundAsync(api, "languru_requests_total", TimeSpan.FromSeconds(90));

            // Assert
            Assert.That(series, Is.Not.Empty, () => $"Prometheus never returned the series. Its log:\n{log}");
            var labels = series[0].GetProperty("metric");
            Assert.That(labels.GetProperty("job").GetString(), Is.EqualTo("languru"));
            Assert.That(labels.GetProperty("languru_provider").GetString(), Is.EqualTo("echo"));
            Assert.That(labels.GetProperty("languru_outcome").GetString(), Is.EqualTo("success"));
            Assert.That(labels.GetProperty("http_route").GetString(), Is.EqualTo("v1/chat/completions"));
            Assert.That(series[0].GetProperty("value")[1].GetString(), Is.EqualTo("1"));
            var duration = await QueryUntilFoundAsync(api, "gen_ai_server_request_duration_seconds_count", TimeSpan.FromSeconds(10));
            Assert.That(duration, Is.Not.Empty, "the GenAI server histogram is scraped too");
        }
        finally
        {
            prometheus.Kill();
            await prometheus.WaitForExitAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<List<JsonElement>> QueryUntilFoundAsync(HttpClient api, string query, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var json = JsonDocument.Parse(await api.GetStringAsync($"api/v1/query?query={Uri.EscapeDataString(query)}"));
                var result = json.RootElement.GetProperty("data").GetProperty("result");
                if (result.GetArrayLength() > 0)
                {
                    return [.. result.EnumerateArray().Select(e => e.Clone())];
                }
            }
            catch (HttpRequestException)
            {
                // Prometheus is still starting.
            }

            await Task.Delay(250);
        }

        return [];
    }
}

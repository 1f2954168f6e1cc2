using System.Net;
using System.Text;
using System.Text.Json;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.EndToEnd;

/// <summary>The orderly stop, tested the honest way: a real gateway process and a real SIGTERM.</summary>
public class ShutdownTests
{
    private const string SlowProvider = "--Languru:Providers:slow:Type=echo";

    [Test]
    public async Task Sigterm_TurnsReadinessOffServesForTheDrainDelayThenEndsOpenStreamsWithAnErrorEvent()
    {
        // Arrange: a provider that needs ten seconds per answer; a 2 s drain; then 1 s for work in flight.
        await using var gateway = await GatewayProcess.StartAsync(
            SlowProvider, "--Languru:Providers:slow:Models:0=slow", "--Languru:Providers:slow:DeltaDelay=00:00:00.2",
            "--Languru:Shutdown:DrainDelay=00:00:02", "--shutdownTimeoutSeconds=1");
        var prompt = string.Join(' ', Enumerable.Range(0, 50).Select(i => $"w{i}"));
        Assert.That(await GetStatusAsync(gateway.BaseAddress, "health/ready"), Is.EqualTo(HttpStatusCode.OK));

        using var streamClient = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var streamRequest = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = Json($$"""{"model":"slow","prompt":"{{prompt}}","stream":true}""") };
        using var stream = await streamClient.SendAsync(streamRequest, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var first = await reader.ReadLineAsync();
        using var wholeClient = new HttpClient { BaseAddress = gateway.BaseAddress };
        var whole = wholeClient.PostAsync("v1/chat/completions", Json($$"""{"model":"slow","prompt":"{{prompt}}"}"""));

        // Act
        await gateway.SignalAsync("TERM");

        // Assert: not ready at once, but still serving new connections during the drain.
        Assert.That(await EventuallyAsync(async () => await GetStatusAsync(gateway.BaseAddress, "health/ready") == HttpStatusCode.ServiceUnavailable),
            Is.True, "readiness turned 503");
        using (var late = new HttpClient { BaseAddress = gateway.BaseAddress })
        {
            var answer = await late.PostAsync("v1/chat/completions", Json("""{"model":"default","prompt":"still here"}"""));
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a request during the drain is served");
        }

        Assert.That(await GetStatusAsync(gateway.BaseAddress, "health"), Is.EqualTo(HttpStatusCode.OK), "liveness keeps its meaning");

        // The stream still open at the end gets an error event and a clean end (ReadToEnd throws on a reset).
        var rest = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var events = ServerSentEvents.Data(first + "\n" + rest);
        Assert.That(events, Does.Not.Contain("[DONE]"));
        Assert.That(JsonDocument.Parse(events[^1]).RootElement.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("server_shutting_down"));
        Assert.That(events.Count, Is.GreaterThan(2), "the stream was served during the drain");

        var wholeAnswer = await whole.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(wholeAnswer.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await wholeAnswer.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"error":{"message":"The gateway is shutting down and could not finish this request in time. Retry it.","type":"server_error","param":null,"code":"server_shutting_down"}}"""));

        Assert.That(await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30)), Is.Zero, gateway.Output);
        Assert.That(async () => await GetStatusAsync(gateway.BaseAddress, "health"), Throws.InstanceOf<HttpRequestException>(), "the listener is closed");
    }

    [Test]
    public async Task Sigterm_RightAfterARequest_WritesItsLogLineAndTheLastLinesBeforeExiting()
    {
        // Arrange: the console log is batched (stdout is a pipe here); what is still queued at the stop must come out.
        await using var gateway = await GatewayProcess.StartAsync();
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = Json("""{"model":"default","messages":[{"role":"user","content":"last words"}]}""") };
        request.Headers.Add("x-request-id", "req-last-1");
        var answer = await client.SendAsync(request);

        // Act
        await gateway.SignalAsync("TERM");
        var exitCode = await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(exitCode, Is.Zero, gateway.Output);
        Assert.That(gateway.Output, Does.Contain("request req-last-1,"), "the request line");
        Assert.That(gateway.Output, Does.Contain("Application is shutting down..."), "the host's last line");
    }

    [Test]
    public async Task Sigterm_WithoutDrainDelay_LetsAStreamThatFitsTheShutdownTimeoutFinish()
    {
        // Arrange: a two-second stream, the default drain (none) and the default 30 s for work in flight.
        await using var gateway = await GatewayProcess.StartAsync(
            SlowProvider, "--Languru:Providers:slow:Models:0=slow", "--Languru:Providers:slow:DeltaDelay=00:00:00.2");
        var prompt = string.Join(' ', Enumerable.Range(0, 10).Select(i => $"w{i}"));
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = Json($$"""{"model":"slow","prompt":"{{prompt}}","stream":true}""") };
        using var stream = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var first = await reader.ReadLineAsync();

        // Act
        await gateway.SignalAsync("TERM");
        var rest = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.That(ServerSentEvents.Data(first + "\n" + rest)[^1], Is.EqualTo("[DONE]"));
        Assert.That(await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30)), Is.Zero, gateway.Output);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>A fresh connection each time, as a load balancer's probe makes.</summary>
    private static async Task<HttpStatusCode> GetStatusAsync(Uri baseAddress, string path)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }
}

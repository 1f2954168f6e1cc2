using System.Net;
using System.Text;
using System.Text.Json;
using Languru.Tests.Api.Limits;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Languru.Tests.EndToEnd;

/// <summary>
/// deploy/: the nginx configuration that deploy/local.sh renders, run by a real nginx in front of real gateway
/// instances. It must pass nginx -t, stream without buffering, spread requests over the instances and answer its own
/// failures in OpenAI's error envelope.
/// </summary>
[TestFixture]
public sealed class DeployNginxTests
{
    [Test]
    public async Task Stream_ThroughNginx_EachEventArrivesAsSoonAsTheGatewayWritesIt()
    {
        // Arrange: the provider sends one delta, then waits until the test has seen it arrive through nginx.
        var gate = new GatedChatClient();
        await using var gateway = new LanguruFactory().WithProvider("gated", gate, "gated");
        await using var nginx = await NginxProcess.StartAsync(gateway.StartKestrel().Port);
        using var client = new HttpClient { BaseAddress = nginx.BaseAddress };
        var sawFirstBeforeRelease = false;

        // Act
        var lines = await ServerSentEvents.ReadLinesAsync(client, """{"model":"gated","messages":[{"role":"user","content":"Hi"}],"stream":true}""", line =>
        {
            if (line.Contains("\"first\"", StringComparison.Ordinal))
            {
                sawFirstBeforeRelease = true;
                gate.Release();
            }
        });

        // Assert: a buffering proxy would hold "first" back until the stream ended, which needs the release
        Assert.That(sawFirstBeforeRelease, Is.True);
        Assert.That(lines.Where(l => l.Length > 0).Last(), Is.EqualTo("data: [DONE]"));
    }

    [Test]
    public async Task Requests_ThroughNginx_ReachEveryInstance()
    {
        // Arrange
        var counters = new[] { new CountingChatClient(), new CountingChatClient() };
        await using var first = new LanguruFactory().WithProvider("counted", counters[0], "counted");
        await using var second = new LanguruFactory().WithProvider("counted", counters[1], "counted");
        await using var nginx = await NginxProcess.StartAsync(first.StartKestrel().Port, second.StartKestrel().Port);
        using var client = new HttpClient { BaseAddress = nginx.BaseAddress };

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.PostAsync("v1/chat/completions", Json("""{"model":"counted","messages":[{"role":"user","content":"Hi"}]}"""));
            statuses.Add(response.StatusCode);
        }

        // Assert
        Assert.That(statuses, Has.All.EqualTo(HttpStatusCode.OK));
        Assert.That(counters.Select(c => c.Calls), Has.All.GreaterThan(0));
        Assert.That(counters.Sum(c => c.Calls), Is.EqualTo(6));
    }

    [Test]
    public async Task NoInstanceReachable_ThroughNginx_503InOpenAIsEnvelope()
    {
        // Arrange: nothing listens on the one instance port
        await using var nginx = await NginxProcess.StartAsync(LoopbackPort.Free());
        using var client = new HttpClient { BaseAddress = nginx.BaseAddress };

        // Act
        using var response = await client.PostAsync("v1/chat/completions", Json("""{"model":"echo","messages":[{"role":"user","content":"Hi"}]}"""));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("service_unavailable"));
        Assert.That(body.RootElement.GetProperty("error").GetProperty("type").GetString(), Is.EqualTo("server_error"));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private sealed class CountingChatClient : IChatClient
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { FinishReason = ChatFinishReason.Stop });
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}

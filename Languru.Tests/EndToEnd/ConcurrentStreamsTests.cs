using System.Text;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.EndToEnd;

/// <summary>
/// A few hundred streams at once through a real gateway and a real upstream: every complete answer ends with
/// <c>[DONE]</c> and its own text, every cut one with exactly one error event, and none is mixed up with another.
/// (Load and memory over time are the soak script's job: bench/soak.sh.)
/// </summary>
public class ConcurrentStreamsTests
{
    [Test]
    public async Task ThreeHundredStreamsAtOnce_EachEndsCompleteOrWithOneError()
    {
        // Arrange: every fifth upstream stream is cut (no finish reason, clean close).
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.RecordRequests = false;
        upstream.Handler = Faults.OpenAI;
        await using var factory = new LanguruFactory()
            .With("Languru:Providers:up:Type", "openai")
            .With("Languru:Providers:up:BaseUrl", new Uri(upstream.BaseUrl, "v1").ToString())
            .With("Languru:Providers:up:ListModels", "false");
        using var client = new HttpClient { BaseAddress = factory.StartKestrel(), Timeout = TimeSpan.FromSeconds(60) };
        const int Streams = 300;

        // Act
        var bodies = await Task.WhenAll(Enumerable.Range(0, Streams).Select(async i =>
        {
            var fault = i % 5 == 0 ? Faults.NoFinish : Faults.Ok;
            var json = $$"""{"model":"up/{{fault}}","messages":[{"role":"user","content":"Hi {{i}}"}],"stream":true}""";
            using var response = await client.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));
            return (Fault: fault, Status: (int)response.StatusCode, Events: ServerSentEvents.Data(await response.Content.ReadAsStringAsync()));
        }));

        // Assert
        var complete = bodies.Where(b => b.Fault == Faults.Ok).ToList();
        var cut = bodies.Where(b => b.Fault == Faults.NoFinish).ToList();
        Assert.That(bodies.Select(b => b.Status), Has.All.EqualTo(200));
        Assert.That(complete, Has.Count.EqualTo(240));
        Assert.That(complete.Select(b => (b.Events.Count, b.Events[^1])), Has.All.EqualTo((6, "[DONE]")), "every complete stream: its five chunks, then [DONE]");
        Assert.That(complete.Select(b => string.Concat(b.Events.SkipLast(1).Select(e => System.Text.Json.JsonDocument.Parse(e).RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()))),
            Has.All.EqualTo("Hello there!"));
        Assert.That(complete.Select(b => b.Events.Count(e => e.Contains("\"model\":\"up/ok\"", StringComparison.Ordinal))), Has.All.EqualTo(5));
        Assert.That(cut.Select(b => (b.Events.Count, b.Events.Count(e => e.StartsWith("{\"error\"", StringComparison.Ordinal)), b.Events.Contains("[DONE]"))),
            Has.All.EqualTo((3, 1, false)), "every cut stream: two chunks, one error event, no [DONE]");
    }
}

using System.Text;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Languru.Tests.EndToEnd;

/// <summary>The gateway's key never appears in a response or in a log line (at Debug and above).</summary>
public class SecretsTests
{
    private const string Key = "sk-languru-test-secret-4f9d2c";

    [Test]
    public async Task UpstreamEchoingTheKey_LeaksItNowhere()
    {
        // Arrange: an upstream that quotes the key back in every failure, before and during a stream.
        await using var upstream = await FakeUpstream.StartAsync();
        using var logs = new FakeLoggerProvider();
        await using var factory = new LanguruFactory()
            .With("OPENAI_API_KEY", Key)
            .With("OPENAI_BASE_URL", new Uri(upstream.BaseUrl, "v1").ToString())
            .With("Logging:LogLevel:Default", "Debug")
            .WithServices(s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = new HttpClient { BaseAddress = factory.StartKestrel() };
        var bodies = new List<string>();

        async Task Call(Func<Microsoft.AspNetCore.Http.HttpContext, Task> handler, string request)
        {
            upstream.Handler = handler;
            var response = await client.PostAsync("v1/chat/completions", new StringContent(request, Encoding.UTF8, "application/json"));
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        var echoed = OpenAIFixtures.Error($"Incorrect API key provided: {Key}.", "invalid_request_error", code: "invalid_api_key");

        // Act
        await Call(Respond.Json(echoed, 401), """{"model":"gpt-4o","prompt":"x"}""");
        await Call(Respond.Json(echoed, 401), """{"model":"gpt-4o","prompt":"x","stream":true}""");
        await Call(Respond.Json(echoed, 500), """{"model":"gpt-4o","prompt":"x"}""");
        await Call(Respond.Sse([OpenAIFixtures.Chunk("""{"role":"assistant","content":"a"}"""), $"data: {echoed}\n\n"], TimeSpan.FromMilliseconds(200)), """{"model":"gpt-4o","prompt":"x","stream":true}""");
        upstream.Handler = Respond.Json(echoed, 401);
        await client.GetStringAsync("v1/models");

        // Assert
        Assert.That(bodies, Has.Count.EqualTo(4));
        Assert.That(bodies.Where(b => b.Contains(Key, StringComparison.Ordinal)), Is.Empty, "no response quotes the key");
        var entries = logs.Collector.GetSnapshot();
        Assert.That(entries.Where(e => $"{e.Message} {e.Exception}".Contains(Key, StringComparison.Ordinal)).Select(e => $"{e.Category}: {e.Message}"), Is.Empty);
        Assert.That(entries, Is.Not.Empty, "the failures were logged");
        Assert.That(entries.Select(e => e.Category), Does.Contain("Languru.Api.Streaming.ChatCompletionStreamResult"), "a failure after the stream started was logged too");
    }
}

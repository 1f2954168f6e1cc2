using System.Net;
using System.Text;
using Languru.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Languru.Tests.EndToEnd;

/// <summary>
/// The upstream gets a W3C <c>traceparent</c> only when the gateway exports traces: with tracing off no request
/// <c>Activity</c> is started at all (it would cost on every request and hand upstreams ids that lead nowhere).
/// </summary>
public class TracePropagationTests
{
    private const string Body = """{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}""";

    [Test]
    public async Task TracingOff_SendsNoTraceparentUpstream()
    {
        // Arrange
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);
        await using var factory = new LanguruFactory().With("OPENAI_BASE_URL", new Uri(upstream.BaseUrl, "v1").ToString());
        using var client = new HttpClient { BaseAddress = factory.StartKestrel() };

        // Act
        using var response = await client.PostAsync("v1/chat/completions", new StringContent(Body, Encoding.UTF8, "application/json"));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(upstream.LastRequest.Headers.Keys, Has.None.EqualTo("traceparent").IgnoreCase);
    }

    [Test]
    public async Task TracingOn_PropagatesTheRequestsTraceUpstream()
    {
        // Arrange
        await using var collector = await FakeUpstream.StartAsync();
        collector.RecordRequests = false;
        collector.Handler = context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        };
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);
        await using var factory = new LanguruFactory()
            .With("OPENAI_BASE_URL", new Uri(upstream.BaseUrl, "v1").ToString())
            .With("OTEL_EXPORTER_OTLP_ENDPOINT", collector.BaseUrl.ToString().TrimEnd('/'))
            .With("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        using var client = new HttpClient { BaseAddress = factory.StartKestrel() };

        // Act
        using var response = await client.PostAsync("v1/chat/completions", new StringContent(Body, Encoding.UTF8, "application/json"));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(upstream.LastRequest.Headers.GetValueOrDefault("traceparent"), Does.Match("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$"));
    }
}

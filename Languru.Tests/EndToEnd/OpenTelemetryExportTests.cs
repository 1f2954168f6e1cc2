using System.Diagnostics;
using System.Net;
using System.Text;
using Languru.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Languru.Tests.EndToEnd;

/// <summary>
/// Traces and metrics leave over OTLP (HTTP/protobuf, to a real HTTP receiver) when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set; the same spans, also sent to OpenTelemetry's in-memory exporter, show their parentage and attributes.
/// </summary>
public class OpenTelemetryExportTests
{
    [Test]
    public async Task OtlpEndpoint_ExportsTheRequestsSpansAndMetricsUnderTheServiceName()
    {
        // Arrange
        await using var collector = await FakeUpstream.StartAsync();
        collector.Handler = context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        };
        var spans = new List<Activity>();
        var factory = new LanguruFactory()
            .With("OTEL_EXPORTER_OTLP_ENDPOINT", collector.BaseUrl.ToString().TrimEnd('/'))
            .With("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .With("OTEL_SERVICE_NAME", "languru-otlp-test")
            .WithServices(s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"default","messages":[{"role":"user","content":"otlp-secret-content"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-request-id", "req-otel-1");

        // Act
        var response = await client.SendAsync(request);
        await response.Content.ReadAsStringAsync();

        // The server span ends just after the client has the answer; wait for it before flushing.
        for (var i = 0; i < 200 && !spans.ToArray().Any(s => s.Kind == ActivityKind.Server); i++)
        {
            await Task.Delay(25);
        }

        Assert.That(factory.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000), Is.True, "spans exported");
        Assert.That(factory.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000), Is.True, "metrics exported");
        await factory.DisposeAsync();

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var server = spans.Single(s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem("languru.request_id"), "req-otel-1"));
        Assert.That(server.GetTagItem("languru.outcome"), Is.EqualTo("success"));
        Assert.That(server.GetTagItem("languru.provider"), Is.EqualTo("echo"));
        var chat = spans.Single(s => s.Source.Name == "Languru.Providers" && s.TraceId == server.TraceId);
        Assert.That(chat.ParentSpanId, Is.EqualTo(server.SpanId), "the provider call is a child of the request");
        Assert.That(chat.GetTagItem("gen_ai.request.model"), Is.EqualTo("echo"));
        Assert.That(chat.GetTagItem("gen_ai.usage.output_tokens"), Is.EqualTo(1));

        var traces = collector.Requests.Where(r => r.Path == "/v1/traces").Select(r => r.Body).ToList();
        var metrics = collector.Requests.Where(r => r.Path == "/v1/metrics").Select(r => r.Body).ToList();
        Assert.That(traces, Is.Not.Empty, "spans exported over OTLP");
        Assert.That(traces, Has.Some.Contains("languru-otlp-test").And.Some.Contains("req-otel-1").And.Some.Contains("chat echo"));
        Assert.That(metrics, Has.Some.Contains("languru.requests").And.Some.Contains("gen_ai.server.request.duration").And.Some.Contains("gen_ai.client.token.usage"));
        Assert.That(traces.Concat(metrics), Has.None.Contains("otlp-secret-content"));
    }
}

using System.Diagnostics;
using Languru.Providers.Routing;
using Languru.Tests.Infrastructure;
using Languru.Providers.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Languru.Tests.Providers.Telemetry;

/// <summary>The wrapping of every provider: GenAI spans and metrics (OpenTelemetry's in-memory exporter), the request record.</summary>
public class ProviderPipelineTests
{
    private const string Secret = "the-launch-code-is-1234";

    private static ChatProvider Provider(IChatClient client) => ChatProvider.Configured("acme", "stub", client);

    private static ProviderPipeline Pipeline(bool enabled, bool recordContent = false) => new(
        Options.Create(new TelemetryOptions { Enabled = enabled, RecordContent = recordContent }), NullLoggerFactory.Instance, TimeProvider.System);

    private static Mock<IChatClient> Upstream(string model)
    {
        var upstream = new Mock<IChatClient>();
        upstream.Setup(c => c.GetService(typeof(ChatClientMetadata), null)).Returns(new ChatClientMetadata("acme", new Uri("http://127.0.0.1:9/")));
        upstream.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ChatResponse(new ChatMessage(ChatRole.Assistant, $"answer with {Secret}"))
            {
                ModelId = model + "-2024",
                Usage = new UsageDetails { InputTokenCount = 11, OutputTokenCount = 7, TotalTokenCount = 18 },
            });
        upstream.Setup(c => c.GetStreamingResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(() => AsyncEnumerables.Of(
            [
                new ChatResponseUpdate(ChatRole.Assistant, "") { ModelId = model + "-2024" },
                new ChatResponseUpdate(ChatRole.Assistant, "hello"),
                new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = 5, OutputTokenCount = 2 })]),
            ]));
        return upstream;
    }

    private static async Task<List<Activity>> CallAsync(ProviderPipeline pipeline, string model)
    {
        var spans = new List<Activity>();
        using (Sdk.CreateTracerProviderBuilder().AddSource(ProviderPipeline.SourceName).AddInMemoryExporter(spans).Build())
        {
            using var provider = pipeline.Compose(Provider(Upstream(model).Object));
            await provider.Client!.GetResponseAsync([new ChatMessage(ChatRole.User, $"tell me {Secret}")], new ChatOptions { ModelId = model });
        }

        // Other tests may call providers at the same time: keep this test's spans.
        return [.. spans.Where(s => Equals(s.GetTagItem("gen_ai.request.model"), model))];
    }

    [Test]
    public async Task Compose_Enabled_EmitsTheGenAISpanWithProviderModelAndTokens()
    {
        // Act
        var spans = await CallAsync(Pipeline(enabled: true), "span-model-1");

        // Assert
        var span = spans.Single();
        Assert.That(span.DisplayName, Is.EqualTo("chat span-model-1"));
        Assert.That(span.Kind, Is.EqualTo(ActivityKind.Client));
        Assert.That(span.GetTagItem("gen_ai.operation.name"), Is.EqualTo("chat"));
        Assert.That(span.GetTagItem("gen_ai.provider.name"), Is.EqualTo("acme"));
        Assert.That(span.GetTagItem("gen_ai.response.model"), Is.EqualTo("span-model-1-2024"));
        Assert.That(span.GetTagItem("gen_ai.usage.input_tokens"), Is.EqualTo(11));
        Assert.That(span.GetTagItem("gen_ai.usage.output_tokens"), Is.EqualTo(7));
        Assert.That(span.GetTagItem("server.address"), Is.EqualTo("127.0.0.1"));
    }

    [Test]
    public async Task Compose_ByDefault_RecordsNoContentInSpans()
    {
        // Act
        var spans = await CallAsync(Pipeline(enabled: true), "span-model-2");

        // Assert
        var span = spans.Single();
        Assert.That(span.TagObjects.Select(t => t.Value?.ToString()), Has.None.Contains(Secret));
        Assert.That(span.Events.SelectMany(e => e.Tags).Select(t => t.Value?.ToString()), Has.None.Contains(Secret));
        Assert.That(span.GetTagItem("gen_ai.input.messages"), Is.Null);
    }

    [Test]
    public async Task Compose_RecordContent_PutsTheMessagesOnTheSpan()
    {
        // Act
        var spans = await CallAsync(Pipeline(enabled: true, recordContent: true), "span-model-3");

        // Assert
        Assert.That(spans.Single().TagObjects.Select(t => t.Value?.ToString()), Has.Some.Contains(Secret));
    }

    [Test]
    public async Task Compose_Disabled_EmitsNoSpan()
    {
        // Act
        var spans = await CallAsync(Pipeline(enabled: false), "span-model-4");

        // Assert
        Assert.That(spans, Is.Empty);
    }

    [Test]
    public async Task Compose_Stream_FillsTheRequestRecord()
    {
        // Arrange
        using var provider = Pipeline(enabled: false).Compose(Provider(Upstream("record-model").Object));
        var record = new RequestRecord();
        RequestRecord.Current = record;

        // Act
        await foreach (var update in provider.Client!.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = "record-model" }))
        {
            _ = update;
        }

        // Assert
        Assert.That(record.Provider, Is.EqualTo("acme"));
        Assert.That(record.Model, Is.EqualTo("record-model-2024"));
        Assert.That((record.InputTokens, record.OutputTokens), Is.EqualTo((5L, 2L)));
        Assert.That(record.FirstTokenTimestamp, Is.Not.Zero);
    }

    [Test]
    public async Task Compose_OutsideARequest_OnlyPassesTheCallThrough()
    {
        // Arrange
        var upstream = Upstream("plain-model");
        using var provider = Pipeline(enabled: false).Compose(Provider(upstream.Object));
        RequestRecord.Current = null;

        // Act
        var response = await provider.Client!.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = "plain-model" });

        // Assert
        Assert.That(response.ModelId, Is.EqualTo("plain-model-2024"));
        upstream.Verify(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}

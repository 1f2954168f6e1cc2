using System.Text.Json;
using System.Text.Json.Nodes;
using Languru.Providers.Chat;
using Languru.Providers.OpenAI;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Languru.Tests.Providers.OpenAI;

/// <summary>
/// The OpenAI provider's wire path (a request that carries an <see cref="IOpenAIChatRequest"/>) against its SDK path:
/// the same upstream answer must give the middleware the same contents, finish reason, usage and properties, and the
/// same failure.
/// </summary>
public class OpenAIWirePathTests
{
    private FakeUpstream _upstream = null!;

    [OneTimeSetUp]
    public async Task StartUpstream() => _upstream = await FakeUpstream.StartAsync();

    [OneTimeTearDown]
    public async Task StopUpstream() => await _upstream.DisposeAsync();

    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "x")];

    private IChatClient Client(params (string Key, string? Value)[] settings) =>
        new OpenAIProviders(_upstream.BaseUrl, [("ApiKey", "sk-test-123"), .. settings]).Create().Client!;

    private static ChatOptions Options(bool wire, string model = "gpt-4o-mini") => new()
    {
        ModelId = model,
        RawRepresentationFactory = wire ? _ => new FixedRequest() : null,
    };

    private static readonly string Logprobs =
        """{"content":[{"token":"Hello","logprob":-0.25,"bytes":[72,101,108,108,111],"top_logprobs":[{"token":"Hello","logprob":-0.25,"bytes":[72,101,108,108,111]}]}],"refusal":null}""";

    public static IEnumerable<TestCaseData> WholeAnswers()
    {
        yield return new TestCaseData(OpenAIFixtures.PlainAnswer).SetName("Whole_PlainAnswer");
        yield return new TestCaseData(OpenAIFixtures.Refusal).SetName("Whole_Refusal");
        yield return new TestCaseData(OpenAIFixtures.ToolCallsAnswer).SetName("Whole_ToolCalls");
        yield return new TestCaseData(OpenAIFixtures.PlainAnswer.Replace("\"refusal\":null", "\"refusal\":null,\"reasoning_content\":\"Think.\"", StringComparison.Ordinal))
            .SetName("Whole_Reasoning");
        yield return new TestCaseData(OpenAIFixtures.PlainAnswer.Replace("\"logprobs\":null", "\"logprobs\":" + Logprobs, StringComparison.Ordinal)).SetName("Whole_Logprobs");
        yield return new TestCaseData(OpenAIFixtures.PlainAnswer.Replace("\"finish_reason\":\"stop\"", "\"finish_reason\":\"eos_token\"", StringComparison.Ordinal)).SetName("Whole_UnknownFinish");
        yield return new TestCaseData(OpenAIFixtures.PlainAnswer.Replace("\"finish_reason\":\"stop\"", "\"finish_reason\":null", StringComparison.Ordinal)).SetName("Whole_NullFinish");
        yield return new TestCaseData(OpenAIFixtures.PlainAnswer.Replace("\"finish_reason\":\"stop\"", "\"finish_reason\":\"length\"", StringComparison.Ordinal)).SetName("Whole_Length");
    }

    public static IEnumerable<TestCaseData> Streams()
    {
        yield return new TestCaseData((object)OpenAIFixtures.StreamedAnswer).SetName("Stream_Answer");
        yield return new TestCaseData((object)OpenAIFixtures.StreamedToolCalls).SetName("Stream_ToolCalls");
        yield return new TestCaseData((object)OpenAIFixtures.StreamedRefusal).SetName("Stream_Refusal");
        yield return new TestCaseData((object)new[]
        {
            OpenAIFixtures.Chunk("""{"role":"assistant","content":"","reasoning_content":"Hm"}"""),
            OpenAIFixtures.Chunk("""{"content":"Yes"}""").Replace("\"logprobs\":null", "\"logprobs\":" + Logprobs, StringComparison.Ordinal),
            OpenAIFixtures.Chunk("{}", "\"abort\""),
            OpenAIFixtures.Done,
        }).SetName("Stream_ReasoningLogprobsAndUnknownFinish");

        // The wire path keeps a stream's id, model and fingerprint strings while the bytes repeat: a change, or the same
        // value escaped, must still be read as sent.
        static string Envelope(string frame, string id, string model, string fingerprint) => frame
            .Replace("chatcmpl-up4", id, StringComparison.Ordinal)
            .Replace("\"model\":\"gpt-4o-mini\"", $"\"model\":\"{model}\"", StringComparison.Ordinal)
            .Replace("fp_up_2", fingerprint, StringComparison.Ordinal);
        yield return new TestCaseData((object)new[]
        {
            OpenAIFixtures.Chunk("""{"role":"assistant","content":"A"}"""),
            Envelope(OpenAIFixtures.Chunk("""{"content":"B"}"""), "chatcmpl-up4", "gpt-4o-mini-2024-07-18", "fp_up_3"),
            Envelope(OpenAIFixtures.Chunk("""{"content":"C"}"""), "chatcmpl-up5", "gpt\\u002d4o-mini", "fp_up_3"),
            Envelope(OpenAIFixtures.Chunk("""{"content":"D"}"""), "chatcmpl-up5", "gpt-4o-mini-2024-07-18", "fp_\\u0075p_3"),
            OpenAIFixtures.Chunk("{}", "\"stop\""),
            OpenAIFixtures.Done,
        }).SetName("Stream_EnvelopeChangingBetweenChunks");
    }

    [TestCaseSource(nameof(WholeAnswers))]
    public async Task GetResponseAsync_WirePath_ReadsTheAnswerAsTheSdkPathDoes(string answer)
    {
        // Arrange
        _upstream.Handler = Respond.Json(answer);
        var client = Client();

        // Act
        var sdk = await client.GetResponseAsync(Messages, Options(wire: false));
        var wire = await client.GetResponseAsync(Messages, Options(wire: true));

        // Assert
        Assert.That(Describe(wire), Is.EqualTo(Describe(sdk)));
        AssertSameLogprobs(wire.AdditionalProperties, sdk.AdditionalProperties);
    }

    [TestCaseSource(nameof(Streams))]
    public async Task GetStreamingResponseAsync_WirePath_ReadsEveryChunkAsTheSdkPathDoes(string[] frames)
    {
        // Arrange
        _upstream.Handler = Respond.Sse(frames);
        var client = Client();

        // Act
        var sdk = await client.GetStreamingResponseAsync(Messages, Options(wire: false)).ToListAsync();
        var wire = await client.GetStreamingResponseAsync(Messages, Options(wire: true)).ToListAsync();

        // Assert
        Assert.That(wire.Select(Describe), Is.EqualTo(sdk.Select(Describe)));
        for (var i = 0; i < wire.Count; i++)
        {
            AssertSameLogprobs(wire[i].AdditionalProperties, sdk[i].AdditionalProperties);
        }
    }

    [TestCase(Faults.RateLimited, false)]
    [TestCase(Faults.RateLimitedMs, true)]
    [TestCase(Faults.ServerError, false)]
    [TestCase(Faults.Unavailable, true)]
    [TestCase(Faults.BadGatewayHtml, false)]
    [TestCase(Faults.ServerErrorEmpty, true)]
    [TestCase(Faults.Html, false)]
    [TestCase(Faults.Html, true)]
    [TestCase(Faults.InvalidJson, false)]
    [TestCase(Faults.InvalidJson, true)]
    [TestCase(Faults.NoFinish, true)]
    [TestCase(Faults.NoFinishJunk, true)]
    [TestCase(Faults.ErrorEvent, true)]
    [TestCase(Faults.Reset, false)]
    [TestCase(Faults.Reset, true)]
    [TestCase(Faults.NoDone, true)]
    public async Task Failures_WirePath_FailAsTheSdkPathDoes(string fault, bool stream)
    {
        // Arrange
        _upstream.Handler = Faults.OpenAI;
        var client = Client();

        // Act
        var sdk = await OutcomeAsync(client, Options(wire: false, fault), stream);
        var wire = await OutcomeAsync(client, Options(wire: true, fault), stream);

        // Assert
        Assert.That(wire, Is.EqualTo(sdk));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Stream_ErrorEventWithWhitespaceBeforeItsKey_IsTheUpstreamsError(bool wire)
    {
        // Arrange: `{ "error": …}` is as much an error event as `{"error": …}`.
        _upstream.Handler = Faults.OpenAI;

        // Act
        var outcome = await OutcomeAsync(Client(), Options(wire, Faults.ErrorEventSpaced), stream: true);

        // Assert
        Assert.That(outcome, Does.Contain("The model crashed while generating.").And.Not.Contain("finish_reason"));
    }

    [Test]
    public async Task WirePath_SendsTheWrittenRequestWithTheProvidersHeaders()
    {
        // Arrange
        _upstream.Handler = Respond.Sse(OpenAIFixtures.StreamedAnswer);
        var client = Client(("Organization", "org-1"), ("Project", "proj-1"), ("Headers:X-Title", "Languru"));

        // Act
        await client.GetStreamingResponseAsync(Messages, Options(wire: true, "upstream-model")).ToListAsync();

        // Assert
        var request = _upstream.LastRequest;
        Assert.That((request.Method, request.Path), Is.EqualTo(("POST", "/v1/chat/completions")));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(request.Body), JsonNode.Parse(
            """{"model":"upstream-model","messages":[{"role":"user","content":"as written"}],"stream":true,"forward":true}""")), Is.True, request.Body);
        Assert.That(request.Headers["Authorization"], Is.EqualTo("Bearer sk-test-123"));
        Assert.That((request.Headers["OpenAI-Organization"], request.Headers["OpenAI-Project"], request.Headers["X-Title"]), Is.EqualTo(("org-1", "proj-1", "Languru")));
        Assert.That(request.Headers["User-Agent"], Does.StartWith("languru "));
        Assert.That(request.Headers["Content-Type"], Does.StartWith("application/json"));
    }

    [Test]
    public async Task WirePath_ForwardUnknownFieldsOff_IsPassedToTheWriter()
    {
        // Arrange
        _upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);

        // Act
        await Client(("ForwardUnknownFields", "false")).GetResponseAsync(Messages, Options(wire: true));

        // Assert
        Assert.That(_upstream.LastRequest.Json.GetProperty("forward").GetBoolean(), Is.False);
        Assert.That(_upstream.LastRequest.Json.TryGetProperty("stream", out _), Is.False);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Stream_HeadersInTimeButTheFirstChunkLate_IsAFirstTokenTimeout(bool wire)
    {
        // Arrange: headers after 250 ms, the first chunk 300 ms after them: 550 ms in all, against a time to first token
        // of 350 ms, which covers the wait for the headers and for the first chunk together (a deadline restarted when
        // the read of the first chunk starts waiting would let the chunk through, at 300 of its 350 ms).
        _upstream.Handler = async context =>
        {
            await Task.Delay(250, context.RequestAborted);
            context.Response.ContentType = "text/event-stream";
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(300, context.RequestAborted);
            await Respond.Sse(OpenAIFixtures.StreamedAnswer)(context);
        };

        // Act
        var outcome = await OutcomeAsync(Client(("TimeToFirstToken", "00:00:00.350")), Options(wire), stream: true);

        // Assert
        Assert.That(outcome, Does.StartWith("[] Timeout").And.Contain("sent no first token within 00:00:00.3500000"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Stream_ChunksReadTogetherThenAStall_IsAnIdleTimeout(bool wire)
    {
        // Arrange: two chunks in one write (the second is read from the buffer, without a wait), then nothing. The
        // total time-out of 5 s is what a stall would meet if the stalled read armed no idle deadline.
        _upstream.Handler = async context =>
        {
            await Respond.Sse([string.Concat(OpenAIFixtures.StreamedAnswer.Take(2))])(context);
            await Respond.Never()(context);
        };

        // Act
        var outcome = await OutcomeAsync(Client(("IdleTimeout", "00:00:00.300"), ("Timeout", "00:00:05")), Options(wire), stream: true);

        // Assert
        Assert.That(outcome, Does.StartWith("[|Hello] Timeout").And.Contain("sent nothing for 00:00:00.3000000 in the middle of the stream"));
    }

    [Test]
    public async Task WirePath_CallerCancels_AbortsTheUpstreamRequestAndStaysACancellation()
    {
        // Arrange
        _upstream.Handler = Respond.Never();
        using var cancel = new CancellationTokenSource();
        var call = Client().GetResponseAsync(Messages, Options(wire: true), cancel.Token);
        await Task.Delay(200);

        // Act
        await cancel.CancelAsync();

        // Assert
        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(async () => await _upstream.LastRequest.Aborted.WaitAsync(TimeSpan.FromSeconds(10)), Throws.Nothing);
    }

    private static async Task<string> OutcomeAsync(IChatClient client, ChatOptions options, bool stream)
    {
        var texts = new List<string>();
        try
        {
            if (stream)
            {
                await foreach (var update in client.GetStreamingResponseAsync(Messages, options))
                {
                    texts.Add(update.Text);
                }
            }
            else
            {
                texts.Add((await client.GetResponseAsync(Messages, options)).Text);
            }

            return $"ok [{string.Join("|", texts)}]";
        }
        catch (ChatProviderException ex)
        {
            return $"[{string.Join("|", texts)}] {ex.Kind} {ex.UpstreamStatus} {ex.Code} {ex.Param} {ex.RetryAfter} {ex.IsTransient} {ex.Message} / {ex.Detail}";
        }
    }

    private static string Describe(ChatResponse response) =>
        $"{string.Join("; ", response.Messages.Select(m => $"{m.Role}: {string.Join(", ", m.Contents.Select(Describe))}"))} " +
        $"finish={response.FinishReason} id={response.ResponseId} model={response.ModelId} created={response.CreatedAt} usage={Describe(response.Usage)} {Describe(response.AdditionalProperties)}";

    private static string Describe(ChatResponseUpdate update) =>
        $"{update.Role}: {string.Join(", ", update.Contents.Select(Describe))} finish={update.FinishReason} id={update.ResponseId} model={update.ModelId} " +
        $"created={update.CreatedAt} fingerprint={Fingerprint(update.AdditionalProperties)} {Describe(update.AdditionalProperties)}";

    private static object? Fingerprint(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(ChatResponseKeys.SystemFingerprint, out var value) ? value : null;

    private static string Describe(AIContent content) => content switch
    {
        TextReasoningContent reasoning => $"reasoning '{reasoning.Text}'",
        TextContent text => $"text '{text.Text}'",
        RefusalContent refusal => $"refusal '{refusal.Refusal}'",
        RawFunctionCallContent call => $"call {call.CallId} {call.Name} {call.ArgumentsJson}",
        FunctionCallUpdateContent fragment => $"fragment {fragment.Index} {fragment.CallId} {fragment.Name} {fragment.ArgumentsFragment}",
        UsageContent usage => $"usage {Describe(usage.Details)}",
        _ => content.GetType().Name,
    };

    private static string Describe(UsageDetails? usage) => usage is null ? "none"
        : $"{usage.InputTokenCount}/{usage.OutputTokenCount}/{usage.TotalTokenCount} cached {usage.CachedInputTokenCount} reasoning {usage.ReasoningTokenCount}";

    private static string Describe(AdditionalPropertiesDictionary? properties) =>
        properties is null ? "no properties" : string.Join(" ", properties.Keys.Order(StringComparer.Ordinal));

    private static void AssertSameLogprobs(AdditionalPropertiesDictionary? actual, AdditionalPropertiesDictionary? expected)
    {
        if (expected?.TryGetValue(ChatResponseKeys.Logprobs, out var sdk) == true)
        {
            var wire = (JsonElement)actual![ChatResponseKeys.Logprobs]!;
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(wire.GetRawText()), JsonNode.Parse(((JsonElement)sdk!).GetRawText())), Is.True, wire.GetRawText());
        }
    }

    /// <summary>Writes a request of its own, so a test can tell what the provider sent came from here.</summary>
    private sealed class FixedRequest : IOpenAIChatRequest
    {
        public void WriteTo(Utf8JsonWriter writer, string model, bool stream, bool forwardUnknownFields)
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteStartArray("messages");
            writer.WriteStartObject();
            writer.WriteString("role", "user");
            writer.WriteString("content", "as written");
            writer.WriteEndObject();
            writer.WriteEndArray();
            if (stream)
            {
                writer.WriteBoolean("stream", true);
            }

            writer.WriteBoolean("forward", forwardUnknownFields);
            writer.WriteEndObject();
        }
    }
}

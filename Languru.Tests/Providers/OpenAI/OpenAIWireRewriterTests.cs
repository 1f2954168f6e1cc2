using System.Text;
using Languru.Providers.OpenAI;

namespace Languru.Tests.Providers.OpenAI;

public class OpenAIWireRewriterTests
{
    private static string? Whole(string json) => OpenAIWireRewriter.RewriteWholeAnswer(Encoding.UTF8.GetBytes(json)) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    private static string? Line(string line) => OpenAIWireRewriter.RewriteStreamLine(Encoding.UTF8.GetBytes(line)) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    [TestCase("""{"choices":[{"finish_reason":"eos_token"}]}""", """{"choices":[{"finish_reason":"stop"}]}""")]
    [TestCase("""{"choices":[{"finish_reason": "abort"},{"finish_reason":"length"}]}""", """{"choices":[{"finish_reason": "stop"},{"finish_reason":"length"}]}""")]
    [TestCase("""{"choices":[{"finish_reason":null}]}""", """{"choices":[{"finish_reason":"stop"}]}""")]
    public void RewriteWholeAnswer_UnknownOrNullReasons_BecomeStop(string json, string expected)
    {
        // Act & Assert
        Assert.That(Whole(json), Is.EqualTo(expected));
    }

    [TestCase("""{"choices":[{"finish_reason":"stop"}]}""")]
    [TestCase("""{"choices":[{"message":{"content":"say \"finish_reason\":\"weird\" please"},"finish_reason":"tool_calls"}]}""")]
    public void RewriteWholeAnswer_NothingToChange_ReturnsNull(string json)
    {
        // Act & Assert
        Assert.That(Whole(json), Is.Null);
    }

    [Test]
    public void RewriteStreamLine_NullIsNormalMidStream()
    {
        // Act & Assert
        Assert.That(Line("""data: {"choices":[{"delta":{"content":"x"},"finish_reason":null}]}"""), Is.Null);
        Assert.That(Line("""data: {"choices":[{"delta":{},"finish_reason":"eos"}]}"""), Is.EqualTo("""data: {"choices":[{"delta":{},"finish_reason":"stop"}]}"""));
        Assert.That(Line("data: [DONE]"), Is.Null);
        Assert.That(Line(": keep-alive comment"), Is.Null);
    }

    [Test]
    public void RewriteStreamLine_ErrorEvent_IsRaisedWithItsMessageOnlyWhenOpenAIShaped()
    {
        // Act & Assert
        Assert.That(() => Line("""data: {"error":{"message":"Overloaded","type":"server_error"}}"""),
            Throws.TypeOf<UpstreamStreamException>()
                .With.Property(nameof(UpstreamStreamException.UpstreamMessage)).EqualTo("Overloaded")
                .And.Message.EqualTo("""{"error":{"message":"Overloaded","type":"server_error"}}"""));
        Assert.That(() => Line("""data: {"error":"model crashed"}"""),
            Throws.TypeOf<UpstreamStreamException>()
                .With.Property(nameof(UpstreamStreamException.UpstreamMessage)).Null
                .And.Message.EqualTo("""{"error":"model crashed"}"""));
    }

    [Test]
    public async Task LineRewritingStream_RewritesLinesSplitAcrossReadsAndKeepsLineEndings()
    {
        // Arrange: the value to rewrite is cut in the middle by the network.
        var pieces = new[] { "data: {\"finish_reason\":\"eos_", "token\"}\r\n\r\ndata: {\"a\":1}\n", "\ndata: [DONE]\n\n" };
        using var inner = new PiecewiseStream(pieces.Select(Encoding.UTF8.GetBytes));
        await using var stream = new LineRewritingStream(inner, OpenAIWireRewriter.RewriteStreamLine);

        // Act
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync();

        // Assert
        Assert.That(text, Is.EqualTo("data: {\"finish_reason\":\"stop\"}\r\n\r\ndata: {\"a\":1}\n\ndata: [DONE]\n\n"));
    }

    [Test]
    public async Task LineRewritingStream_HandsOnEachLineAsSoonAsItIsComplete()
    {
        // Arrange
        using var inner = new PiecewiseStream([Encoding.UTF8.GetBytes("data: {\"x\":1}\n\n"), Encoding.UTF8.GetBytes("data: {\"y\"")]);
        await using var stream = new LineRewritingStream(inner, OpenAIWireRewriter.RewriteStreamLine);
        var buffer = new byte[1024];

        // Act: one read from the network gives the whole first event, without waiting for the next.
        var first = await stream.ReadAsync(buffer);

        // Assert
        Assert.That(Encoding.UTF8.GetString(buffer, 0, first), Is.EqualTo("data: {\"x\":1}\n\n"));
        Assert.That(inner.Reads, Is.EqualTo(1));
    }

    [Test]
    public async Task LineRewritingStream_LongLinesAndALastLineWithoutNewline_ArriveWhole()
    {
        // Arrange: a line longer than the stream's buffers, split over reads, and a last line the upstream never ends
        var longValue = new string('x', 40_000);
        var first = $"data: {{\"content\":\"{longValue}\",\"finish_reason\":\"abort\"}}\n";
        var pieces = new[] { first[..10_000], first[10_000..20_000], first[20_000..30_000], first[30_000..] + "\ndata: {\"finish_reason\":\"eos_token\"}" };
        using var inner = new PiecewiseStream(pieces.Select(Encoding.UTF8.GetBytes));
        await using var stream = new LineRewritingStream(inner, OpenAIWireRewriter.RewriteStreamLine);

        // Act: read in small pieces, as a parser with a small buffer would
        var output = new MemoryStream();
        var buffer = new byte[100];
        for (int n; (n = await stream.ReadAsync(buffer)) > 0;)
        {
            output.Write(buffer, 0, n);
        }

        // Assert
        Assert.That(Encoding.UTF8.GetString(output.ToArray()), Is.EqualTo(
            $"data: {{\"content\":\"{longValue}\",\"finish_reason\":\"stop\"}}\n\ndata: {{\"finish_reason\":\"stop\"}}"));
    }

    [Test]
    public async Task LineRewritingStream_ErrorEventInTheSameReadAsEarlierLines_FailsOnlyAfterThoseLines()
    {
        // Arrange: the network delivers a chunk and the error event that follows it in one read.
        using var inner = new PiecewiseStream([Encoding.UTF8.GetBytes("data: {\"x\":1}\n\ndata: {\"error\":{\"message\":\"crashed\"}}\n\n")]);
        await using var stream = new LineRewritingStream(inner, OpenAIWireRewriter.RewriteStreamLine);
        var buffer = new byte[1024];

        // Act
        var first = await stream.ReadAsync(buffer);

        // Assert
        Assert.That(Encoding.UTF8.GetString(buffer, 0, first), Is.EqualTo("data: {\"x\":1}\n\n"), "the chunk before the error is not lost");
        Assert.That(async () => await stream.ReadAsync(buffer), Throws.TypeOf<UpstreamStreamException>().With.Property(nameof(UpstreamStreamException.UpstreamMessage)).EqualTo("crashed"));
    }

    /// <summary>Returns the given pieces one per read, as a network stream would.</summary>
    private sealed class PiecewiseStream(IEnumerable<byte[]> pieces) : MemoryStream
    {
        private readonly Queue<byte[]> _pieces = new(pieces);

        public int Reads { get; private set; }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads++;
            if (!_pieces.TryDequeue(out var piece))
            {
                return ValueTask.FromResult(0);
            }

            piece.CopyTo(buffer);
            return ValueTask.FromResult(piece.Length);
        }
    }
}

using System.Text.Json;
using Languru.Api.Completions;
using Languru.Api.Hosting;
using Languru.Api.Mapping;
using Languru.Contracts.Chat;
using Languru.Providers.Chat;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Languru.Tests.Api;

public class ChatChunkMapperTests
{
    private static readonly CompletionHeader Header = new("chatcmpl-1", 1700000000, "m");

    private static async Task<List<string>> MapAsync(IEnumerable<ChoiceUpdate> updates, int choices = 1, bool includeUsage = false) =>
        [.. (await ChatChunkMapper.ToChunksAsync(AsyncEnumerables.Of(updates), Header, choices, includeUsage, CancellationToken.None).ToListAsync())
            .Select(c => JsonSerializer.Serialize(c.Chunk, WireJson.TypeInfo<ChatCompletionChunk>()))];

    private static ChoiceUpdate Text(int index, string text) => new(index, new ChatResponseUpdate(ChatRole.Assistant, text));

    private static ChoiceUpdate Finish(int index, ChatFinishReason reason, UsageDetails? usage = null) =>
        new(index, new ChatResponseUpdate(ChatRole.Assistant, usage is null ? [] : [new UsageContent(usage)]) { FinishReason = reason });

    [Test]
    public async Task ToChunksAsync_TextStream_IsOpenAIsExactChunks()
    {
        // Arrange
        var usage = new UsageDetails { InputTokenCount = 9, OutputTokenCount = 2, TotalTokenCount = 11 };

        // Act
        var chunks = await MapAsync([Text(0, "Hel"), Text(0, "lo"), Finish(0, ChatFinishReason.Stop, usage)], includeUsage: true);

        // Assert
        Assert.That(chunks, Is.EqualTo(new[]
        {
            """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"logprobs":null,"finish_reason":null}]}""",
            """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"m","choices":[{"index":0,"delta":{"content":"lo"},"logprobs":null,"finish_reason":null}]}""",
            """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"m","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"stop"}]}""",
            """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"m","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}}""",
        }));
    }

    [Test]
    public async Task ToChunksAsync_UsageNotAskedFor_IsNotSent()
    {
        // Act
        var chunks = await MapAsync([Text(0, "x"), Finish(0, ChatFinishReason.Stop, new UsageDetails { InputTokenCount = 1 })]);

        // Assert
        Assert.That(chunks, Has.Count.EqualTo(2));
        Assert.That(chunks, Has.None.Contains("usage"));
    }

    [Test]
    public async Task ToChunksAsync_FirstUpdateEmpty_StillSendsTheRoleOnce()
    {
        // Act
        var chunks = await MapAsync([new(0, new ChatResponseUpdate()), Text(0, "a")]);

        // Assert
        Assert.That(chunks[0], Does.Contain("""{"role":"assistant","content":""}"""));
        Assert.That(chunks.Count(c => c.Contains("\"role\"", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task ToChunksAsync_SeveralChoices_InterleaveEachWithItsRoleAndFinish()
    {
        // Act
        var chunks = await MapAsync([Text(1, "b"), Text(0, "a"), Text(1, "b2"), Finish(1, ChatFinishReason.Length), Text(0, "a2"), Finish(0, ChatFinishReason.Stop)], choices: 2);

        // Assert
        var deltas = chunks.Select(c => JsonDocument.Parse(c).RootElement.GetProperty("choices")[0])
            .Select(c => (c.GetProperty("index").GetInt32(), c.GetProperty("delta").GetRawText(), c.GetProperty("finish_reason").ToString()))
            .ToList();
        Assert.That(deltas, Is.EqualTo(new[]
        {
            (1, """{"role":"assistant","content":"b"}""", ""),
            (0, """{"role":"assistant","content":"a"}""", ""),
            (1, """{"content":"b2"}""", ""),
            (1, """{"content":""}""", "length"),
            (0, """{"content":"a2"}""", ""),
            (0, """{"content":""}""", "stop"),
        }));
    }

    [Test]
    public async Task ToChunksAsync_StreamedToolCallFragments_PassThroughAndFinishWithToolCalls()
    {
        // Arrange
        ChoiceUpdate Fragment(int index, string? id, string? name, string args) =>
            new(0, new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallUpdateContent(index, id, name, args)]));

        // Act
        var chunks = await MapAsync(
        [
            Fragment(0, "call_a", "get_weather", ""),
            Fragment(0, null, null, "{\"city\":"),
            Fragment(1, "call_b", "get_time", ""),
            Fragment(0, null, null, "\"Paris\"}"),
            Fragment(1, null, null, "{}"),
            Finish(0, ChatFinishReason.ToolCalls),
        ]);

        // Assert
        var deltas = chunks.Select(c => JsonDocument.Parse(c).RootElement.GetProperty("choices")[0].GetProperty("delta").GetRawText()).ToList();
        Assert.That(deltas, Is.EqualTo(new[]
        {
            """{"role":"assistant","tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]}""",
            """{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}""",
            """{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_time","arguments":""}}]}""",
            """{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}""",
            """{"tool_calls":[{"index":1,"function":{"arguments":"{}"}}]}""",
            """{"content":""}""",
        }));
        Assert.That(chunks[^1], Does.Contain("\"finish_reason\":\"tool_calls\""));
    }

    [Test]
    public async Task ToChunksAsync_WholeToolCalls_AreNumberedInOrder()
    {
        // Arrange
        var update = new ChatResponseUpdate(ChatRole.Assistant,
        [
            new RawFunctionCallContent("call_1", "f", """{"a":1}"""),
            new RawFunctionCallContent("call_2", "g", "{}"),
        ]);

        // Act
        var chunks = await MapAsync([new(0, update), Finish(0, ChatFinishReason.ToolCalls)]);

        // Assert
        Assert.That(chunks[0], Does.Contain(
            """tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}},{"index":1,"id":"call_2","type":"function","function":{"name":"g","arguments":"{}"}}]"""));
        Assert.That(chunks[0], Does.Not.Contain("\"content\""), "tool-call deltas carry no content");
        Assert.That(chunks[1], Does.Contain("\"finish_reason\":\"tool_calls\""));
    }

    [Test]
    public async Task ToChunksAsync_UsageArrivingAfterTheFinish_IsStillCounted()
    {
        // Arrange: OpenAI sends usage in its own chunk after the finish chunk.
        var usageOnly = new ChoiceUpdate(0, new ChatResponseUpdate(null, [new UsageContent(new UsageDetails { InputTokenCount = 3, OutputTokenCount = 1, TotalTokenCount = 4 })]));

        // Act
        var chunks = await MapAsync([Text(0, "a"), Finish(0, ChatFinishReason.Stop), usageOnly], includeUsage: true);

        // Assert
        Assert.That(chunks, Has.Count.EqualTo(3));
        Assert.That(chunks[^1], Does.EndWith("""
            "choices":[],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}
            """));
    }

    [Test]
    public async Task ToChunksAsync_UpdatesAfterTheFinish_AreDropped()
    {
        // Act
        var chunks = await MapAsync([Text(0, "a"), Finish(0, ChatFinishReason.Stop), Text(0, "late")]);

        // Assert
        Assert.That(chunks, Has.Count.EqualTo(2));
        Assert.That(chunks, Has.None.Contains("late"));
    }

    [Test]
    public async Task ToChunksAsync_Fingerprint_IsOnEveryChunk()
    {
        // Arrange
        var first = new ChatResponseUpdate(ChatRole.Assistant, "x") { AdditionalProperties = new() { [ChatResponseKeys.SystemFingerprint] = "fp_9" } };

        // Act
        var chunks = await MapAsync([new(0, first), Finish(0, ChatFinishReason.Stop)]);

        // Assert
        Assert.That(chunks, Has.All.Contains("\"system_fingerprint\":\"fp_9\""));
    }
}

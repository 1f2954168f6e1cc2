using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Languru.Api.Completions;
using Languru.Api.Hosting;
using Languru.Api.Mapping;
using Languru.Contracts.Chat;
using Languru.Providers.OpenAI;
using Microsoft.Extensions.AI;

namespace Languru.Bench.Micro;

/// <summary>
/// The API's side of one streamed answer per operation: the 21 updates the wire path reads from the benchmark
/// upstream's stream (20 chunks and the usage chunk), through <see cref="ChoiceFanOut"/>, <see cref="ChatChunkMapper"/>
/// and the chunk writer into an in-memory body, as <c>ChatCompletionStreamResult</c> writes them (without Kestrel).
/// The provider's reading is in <see cref="ProviderCallBenchmarks"/>; here the updates are read once, up front.
/// </summary>
[MemoryDiagnoser]
public class ChunkPathBenchmarks
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = WireJson.Options.Encoder, SkipValidation = true };
    private readonly ArrayBufferWriter<byte> _body = new(16 * 1024);
    private ReplayClient _client = null!;
    private Utf8JsonWriter _json = null!;
    private readonly List<ChatMessage> _messages = [new(ChatRole.User, "hi")];
    private readonly ChatOptions _options = new() { ModelId = "gpt-4o-mini" };
    private readonly CompletionHeader _header = new("chatcmpl-0123456789abcdefghijklmnopqrs", 1700000000, "gpt-4o-mini");

    [GlobalSetup]
    public void Setup()
    {
        var updates = new List<ChatResponseUpdate>();
        foreach (var line in Canned.Stream().Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var data = Encoding.UTF8.GetBytes(line["data: ".Length..]);
            if (!data.AsSpan().SequenceEqual("[DONE]"u8))
            {
                var update = OpenAIWireReader.ReadChunk(data);
                update.RawRepresentation = new OpenAIWireJson(data);
                updates.Add(update);
            }
        }

        _client = new ReplayClient(updates);
        _json = new Utf8JsonWriter(_body, WriterOptions);
    }

    [Benchmark]
    public async Task<int> Stream_Chunks()
    {
        _body.ResetWrittenCount();
        var updates = ChoiceFanOut.StreamAsync(_client, _messages, _options, 1, CancellationToken.None);
        await foreach (var item in ChatChunkMapper.ToChunksAsync(updates, _header, 1, includeUsage: true, CancellationToken.None))
        {
            _body.Write("data: "u8);
            _json.Reset(_body);
            if (item.Upstream.IsEmpty)
            {
                JsonSerializer.Serialize(_json, item.Chunk, WireJson.TypeInfo<ChatCompletionChunk>());
            }
            else
            {
                WireChunkWriter.Write(_json, item.Chunk, item.Upstream.Span);
            }

            _json.Flush();
            _body.Write("\n\n"u8);
        }

        return _body.WrittenCount;
    }

    /// <summary>A provider that streams the same updates every call.</summary>
    private sealed class ReplayClient(IReadOnlyList<ChatResponseUpdate> updates) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            foreach (var update in updates)
            {
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}

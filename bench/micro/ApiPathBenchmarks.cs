using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Languru.Api.Completions;
using Languru.Api.Hosting;
using Languru.Api.Mapping;
using Languru.Providers.OpenAI;
using Microsoft.Extensions.AI;

namespace Languru.Bench.Micro;

/// <summary>
/// The API's side of one answer per operation, after the provider: the benchmark upstream's whole answer (read once, up
/// front, by the wire path's reader) mapped and written back (<see cref="ChatCompletionResult"/>'s work), and its stream:
/// the 21 updates the wire path reads from the benchmark
/// upstream's stream (20 chunks and the usage chunk), through <see cref="ChoiceFanOut"/>, <see cref="ChatChunkMapper"/>
/// and the chunk writer into an in-memory body, as <c>ChatCompletionStreamResult</c> writes them (without Kestrel).
/// The provider's reading is in <see cref="ProviderCallBenchmarks"/>; here the updates are read once, up front.
/// </summary>
[MemoryDiagnoser]
public class ApiPathBenchmarks
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = WireJson.Options.Encoder, SkipValidation = true };
    private readonly ArrayBufferWriter<byte> _body = new(16 * 1024);
    private ReplayChatClient _client = null!;
    private ChatResponse[] _answer = null!;
    private readonly ChunkBody _chunks = new();
    private Utf8JsonWriter _json = null!;
    private readonly List<ChatMessage> _messages = [new(ChatRole.User, "hi")];
    private readonly ChatOptions _options = new() { ModelId = "gpt-4o-mini" };
    private readonly CompletionHeader _header = new("chatcmpl-0123456789abcdefghijklmnopqrs", 1700000000, "gpt-4o-mini");

    [GlobalSetup]
    public void Setup()
    {
        _client = new ReplayChatClient();
        var answer = Encoding.UTF8.GetBytes(Canned.Answer);
        var response = OpenAIWireReader.ReadCompletion(answer);
        response.RawRepresentation = new OpenAIWireJson(answer);
        _answer = [response];
        _json = new Utf8JsonWriter(_body, WriterOptions);
    }

    [Benchmark]
    public long WholeAnswer()
    {
        _body.ResetWrittenCount();
        _json.Reset(_body);
        var completion = ChatCompletionMapper.ToChatCompletion(_header, _answer);
        WireAnswerWriter.Write(_json, completion, [((OpenAIWireJson)_answer[0].RawRepresentation!).Json]);
        _json.Flush();
        return _body.WrittenCount;
    }

    [Benchmark]
    public Task<int> Stream_Chunks() => _chunks.WriteAsync(
        ChatChunkMapper.ToChunksAsync(ChoiceFanOut.StreamAsync(_client, _messages, _options, 1, CancellationToken.None), _header, 1, includeUsage: true, CancellationToken.None));
}

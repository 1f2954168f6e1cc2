using System.ClientModel.Primitives;
using System.Text;
using BenchmarkDotNet.Attributes;
using Languru.Providers.OpenAI;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace Languru.Bench.Micro;

/// <summary>
/// Reading one upstream answer, and one chunk, into Microsoft.Extensions.AI types: the SDK path (the finish-reason
/// rewrite, the SDK's model, then <c>OpenAIMapping</c>) against <see cref="OpenAIWireReader"/>.
/// </summary>
[MemoryDiagnoser]
public class ReplyParsingBenchmarks
{
    private readonly BinaryData _answer = BinaryData.FromString(Canned.Answer);
    private readonly byte[] _chunkLine = Encoding.UTF8.GetBytes("data: " + Canned.Chunk);
    private readonly byte[] _chunk = Encoding.UTF8.GetBytes(Canned.Chunk);

    [Benchmark(Baseline = true)]
    public ChatResponse Answer_Sdk()
    {
        _ = OpenAIWireRewriter.RewriteWholeAnswer(_answer.ToMemory());
        return OpenAIMapping.FromOpenAICompletion(ModelReaderWriter.Read<ChatCompletion>(_answer)!);
    }

    [Benchmark]
    public ChatResponse Answer_Wire() => OpenAIWireReader.ReadCompletion(_answer.ToMemory().Span);

    [Benchmark]
    public ChatResponseUpdate Chunk_Sdk()
    {
        _ = OpenAIWireRewriter.RewriteStreamLine(_chunkLine);
        return OpenAIMapping.FromOpenAIUpdate(ModelReaderWriter.Read<StreamingChatCompletionUpdate>(BinaryData.FromBytes(_chunk))!);
    }

    [Benchmark]
    public ChatResponseUpdate Chunk_Wire() => OpenAIWireReader.ReadChunk(_chunk);
}

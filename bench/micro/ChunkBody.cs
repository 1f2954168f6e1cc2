using System.Buffers;
using System.Text.Json;
using Languru.Api.Hosting;
using Languru.Api.Mapping;
using Languru.Contracts.Chat;

namespace Languru.Bench.Micro;

/// <summary>An in-memory response body that chunk events are written into as <c>ChatCompletionStreamResult</c> writes them (without Kestrel).</summary>
internal sealed class ChunkBody
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = WireJson.Options.Encoder, SkipValidation = true };
    private readonly ArrayBufferWriter<byte> _body = new(16 * 1024);
    private readonly Utf8JsonWriter _json;

    public ChunkBody() => _json = new Utf8JsonWriter(_body, WriterOptions);

    /// <summary>Writes every event (<c>data: {chunk}\n\n</c>) over what the previous call wrote; returns the bytes written.</summary>
    public async Task<int> WriteAsync(IAsyncEnumerable<ChatChunkEvent> chunks)
    {
        _body.ResetWrittenCount();
        await foreach (var item in chunks)
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
}

using Languru.Contracts.Chat;

namespace Languru.Api.Mapping;

/// <summary>
/// One event of a chat completion stream: <see cref="Chunk"/>, as the gateway normalized it, and, when the provider
/// passed the upstream's chunk on (OpenAI-type providers), that chunk's JSON in <see cref="Upstream"/>, which
/// <see cref="WireChunkWriter"/> writes back with the fields of <see cref="Chunk"/> so that the fields the gateway does
/// not model reach the client too.
/// </summary>
/// <param name="Chunk">The normalized chunk.</param>
/// <param name="Upstream">The upstream's chunk, or empty.</param>
internal readonly record struct ChatChunkEvent(ChatCompletionChunk Chunk, ReadOnlyMemory<byte> Upstream = default);

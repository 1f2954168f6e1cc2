using System.Text.Json.Serialization;
using Languru.Contracts.Chat;
using Languru.Contracts.Embeddings;
using Languru.Contracts.Errors;
using Languru.Contracts.Models;
using Languru.Contracts.Responses;

namespace Languru.Contracts;

/// <summary>
/// Source-generated JSON metadata for every wire type. Never indented: a newline inside an SSE <c>data:</c> line
/// would break the framing. Nulls are left out except where OpenAI always sends the key.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    WriteIndented = false)]
[JsonSerializable(typeof(ChatCompletionRequest))]

// Reached only through the union converters, so the generator would not see them otherwise.
[JsonSerializable(typeof(IReadOnlyList<ContentPart>))]
[JsonSerializable(typeof(NamedToolChoice))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(EmbeddingResponse))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(Model))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(CreateResponseRequest))]
[JsonSerializable(typeof(ResponseObject))]
[JsonSerializable(typeof(ResponseStreamEvent))]
[JsonSerializable(typeof(ResponseItemList))]
[JsonSerializable(typeof(DeletedResponse))]
[JsonSerializable(typeof(StoredResponse))]
[JsonSerializable(typeof(IReadOnlyList<ResponseItem>))]
[JsonSerializable(typeof(IReadOnlyList<ResponseContentPart>))]
[JsonSerializable(typeof(ResponseNamedToolChoice))]
public sealed partial class LanguruJsonContext : JsonSerializerContext;

using System.Text.Json;
using Languru.Api.Hosting;
using Languru.Api.Mapping;
using Languru.Contracts.Chat;
using Languru.Providers.OpenAI;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.AI;

namespace Languru.Api.Completions;

/// <summary>
/// A whole chat completion, written straight into the response body (no output formatter). When every choice's
/// answer came with the upstream's own JSON (<see cref="OpenAIWireJson"/>, from OpenAI-type providers), it is written
/// back by <see cref="WireAnswerWriter"/>, so that the fields the gateway does not model reach the client; otherwise
/// the mapped <see cref="ChatCompletion"/> is serialized.
/// </summary>
internal sealed class ChatCompletionResult : IActionResult
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = WireJson.Options.Encoder, SkipValidation = true };

    private readonly ChatCompletion _completion;
    private readonly ReadOnlyMemory<byte>[]? _upstreams;

    private ChatCompletionResult(ChatCompletion completion, ReadOnlyMemory<byte>[]? upstreams)
    {
        _completion = completion;
        _upstreams = upstreams;
    }

    public ChatCompletion Completion => _completion;

    public static ChatCompletionResult Create(CompletionHeader header, IReadOnlyList<ChatResponse> responses)
    {
        var upstreams = new ReadOnlyMemory<byte>[responses.Count];
        for (var i = 0; i < responses.Count; i++)
        {
            if (responses[i].RawRepresentation is not OpenAIWireJson upstream)
            {
                upstreams = null;
                break;
            }

            upstreams[i] = upstream.Json;
        }

        return new ChatCompletionResult(ChatCompletionMapper.ToChatCompletion(header, responses), upstreams);
    }

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";

        // Into the body's buffer only, not flushed: Kestrel sends the headers and the answer when the action is done
        // (with Transfer-Encoding: chunked, as no Content-Length is known when the headers are made).
        using var json = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
        if (_upstreams is null)
        {
            JsonSerializer.Serialize(json, _completion, WireJson.TypeInfo<ChatCompletion>());
        }
        else
        {
            WireAnswerWriter.Write(json, _completion, _upstreams);
        }

        return Task.CompletedTask;
    }
}

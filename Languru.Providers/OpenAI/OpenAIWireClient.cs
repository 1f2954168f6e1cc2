using System.Buffers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Languru.Providers.OpenAI;

/// <summary>
/// The OpenAI provider's wire path: posts an <see cref="IOpenAIChatRequest"/> to <c>{BaseUrl}/chat/completions</c> with
/// the provider's own <see cref="HttpClient"/> and reads the answer with <see cref="OpenAIWireReader"/>, without the
/// SDK's models and pipeline. It keeps everything the SDK path does: the same headers (key, organization, project,
/// configured headers), the deadlines of <see cref="UpstreamDeadline"/>, the error mapping of <see cref="OpenAIErrors"/>,
/// the refusal of a stream answer that is no stream (<see cref="NotAStreamException"/>), an <c>error</c> event as a
/// failure, and a stream that ends without a finish reason as a failure.
/// </summary>
internal sealed class OpenAIWireClient
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string UserAgent = $"languru ({RuntimeInformation.FrameworkDescription})";
    private static readonly object Ignored = new();

    /// <summary>A request body larger than this does not keep its buffer on the thread after it is written.</summary>
    private const int KeptBodyBuffer = 64 * 1024;

    // Each thread's buffer and writer for request bodies, reused: a body is written synchronously and copied out
    // at its exact size, so nothing of it outlives CreateRequest here.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_body;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly OpenAIProviderOptions _options;
    private readonly KeyValuePair<string, string>[] _headers;

    /// <param name="http">The provider's named client (its pool and <c>ConnectTimeout</c>, see <c>ProviderHttpClients</c>).</param>
    /// <param name="baseUrl">The provider's base URL.</param>
    /// <param name="options">The provider's settings.</param>
    /// <param name="key">The provider's key, if any.</param>
    public OpenAIWireClient(HttpClient http, Uri baseUrl, OpenAIProviderOptions options, string? key)
    {
        _http = http;
        // The path is extended, not the string: a query in the base URL (Azure's ?api-version=…) stays a query.
        var endpoint = new UriBuilder(baseUrl);
        endpoint.Path = endpoint.Path.TrimEnd('/') + "/chat/completions";
        _endpoint = endpoint.Uri;
        _options = options;
        var headers = new Dictionary<string, string>(options.Headers, StringComparer.OrdinalIgnoreCase) { ["User-Agent"] = UserAgent };
        if (options.Organization is { } organization)
        {
            headers["OpenAI-Organization"] = organization;
        }

        if (options.Project is { } project)
        {
            headers["OpenAI-Project"] = project;
        }

        if (key is not null)
        {
            headers["Authorization"] = "Bearer " + key;
        }

        _headers = [.. headers];
    }

    public async Task<ChatResponse> GetResponseAsync(IOpenAIChatRequest request, UpstreamCall call, CancellationToken cancellationToken)
    {
        using var deadline = UpstreamDeadline.ForWholeAnswer(_options.Timeout, cancellationToken);
        try
        {
            using var message = CreateRequest(request, call.Model, stream: false);
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var body = await ReadBodyAsync(response, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(response, body, call);
            }

            var answer = OpenAIWireReader.ReadCompletion(body.Span);
            answer.RawRepresentation = new OpenAIWireJson(body);
            return answer;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw OpenAIErrors.Map(ex, call, deadline);
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IOpenAIChatRequest request, UpstreamCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var deadline = UpstreamDeadline.ForStream(_options.TimeToFirstToken, _options.IdleTimeout, _options.Timeout, cancellationToken);
        HttpResponseMessage? response = null;
        IAsyncEnumerator<SseItem<object?>>? events = null;
        var received = 0;
        var finished = false;
        try
        {
            while (true)
            {
                ChatResponseUpdate? update;
                try
                {
                    if (events is null)
                    {
                        deadline.AwaitingChunk();
                        response = await OpenStreamAsync(request, call, deadline.Token);
                        var body = await response.Content.ReadAsStreamAsync(deadline.Token);
                        var repeated = new ChunkStrings();
                        events = SseParser.Create(body, (type, data) => ParseEvent(data, repeated)).EnumerateAsync(deadline.Token).GetAsyncEnumerator(deadline.Token);
                    }

                    update = null;
                    while (await deadline.NextAsync(events))
                    {
                        if (events.Current.Data is not { } data)
                        {
                            break; // [DONE]
                        }

                        if ((update = data as ChatResponseUpdate) is not null)
                        {
                            break;
                        }
                    }

                    if (update is null)
                    {
                        // The end of the body, or [DONE]: only a finish reason proves the answer whole.
                        if (!finished)
                        {
                            throw OpenAIErrors.Unfinished(call, received);
                        }

                        yield break;
                    }
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw OpenAIErrors.Map(ex, call, deadline);
                }

                deadline.ChunkArrived();
                received++;
                finished |= update.FinishReason is not null;
                yield return update;
            }
        }
        finally
        {
            if (events is not null)
            {
                await events.DisposeAsync();
            }

            response?.Dispose();
        }
    }

    /// <summary>One event's data: an update, <see cref="Ignored"/> (no data), or null for <c>[DONE]</c>; an error event throws.</summary>
    private static object? ParseEvent(ReadOnlySpan<byte> data, ChunkStrings repeated)
    {
        if (data.IsEmpty)
        {
            return Ignored;
        }

        if (data.SequenceEqual("[DONE]"u8))
        {
            return null;
        }

        if (OpenAIWireRewriter.IsErrorEvent(data))
        {
            throw OpenAIWireRewriter.ErrorEvent(data);
        }

        var update = OpenAIWireReader.ReadChunk(data, repeated);
        update.RawRepresentation = new OpenAIWireJson(data.ToArray());
        return update;
    }

    private async Task<HttpResponseMessage> OpenStreamAsync(IOpenAIChatRequest request, UpstreamCall call, CancellationToken cancellationToken)
    {
        using var message = CreateRequest(request, call.Model, stream: true);
        var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(response, await ReadBodyAsync(response, cancellationToken), call);
            }

            if (response.Content.Headers.ContentType?.MediaType is { Length: > 0 } mediaType && NotAStreamException.Refuses(mediaType))
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                throw await NotAStreamException.ReadAsync(mediaType, body, cancellationToken);
            }

            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private HttpRequestMessage CreateRequest(IOpenAIChatRequest request, string model, bool stream)
    {
        var content = new ByteArrayContent(WriteBody(request, model, stream));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        var message = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = content };
        foreach (var (name, value) in _headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (stream)
        {
            message.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        }

        return message;
    }

    /// <summary>The request's JSON, written on this thread's reused buffer and copied out at its size.</summary>
    private byte[] WriteBody(IOpenAIChatRequest request, string model, bool stream)
    {
        var body = t_body ??= new ArrayBufferWriter<byte>(4096);
        body.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(body, WriterOptions);
        writer.Reset(body);
        request.WriteTo(writer, model, stream, _options.ForwardUnknownFields);
        writer.Flush();
        var bytes = body.WrittenSpan.ToArray();
        if (body.Capacity > KeptBodyBuffer)
        {
            t_body = null;
            t_writer = null;
        }

        return bytes;
    }

    /// <summary>
    /// The whole body. Read from the response stream, so that a connection that breaks in the middle is an
    /// <see cref="IOException"/> (a broken answer), not the <see cref="HttpRequestException"/> of an unreachable upstream.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new MemoryStream(response.Content.Headers.ContentLength is { } length and > 0 and < 1 << 24 ? (int)length : 4096);
        await body.CopyToAsync(buffer, cancellationToken);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static ChatProviderException Failure(HttpResponseMessage response, ReadOnlyMemory<byte> body, UpstreamCall call)
    {
        var status = (int)response.StatusCode;
        return OpenAIErrors.FromStatus(status, BinaryData.FromBytes(body), Header, new OpenAIHttpException(status), call);

        string? Header(string name) =>
            response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;
    }
}

using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Languru.Providers.Ollama;

/// <summary>
/// A typed client of Ollama's native API: <c>POST /api/chat</c> (one object, or NDJSON read line by line),
/// <c>POST /api/embed</c> and <c>GET /api/tags</c>. Failures with a status throw <see cref="OllamaHttpException"/>; a line that is not JSON
/// throws <see cref="JsonException"/>; the cancellation token reaches every read.
/// </summary>
internal sealed class OllamaApiClient(HttpClient http, Uri baseUrl)
{
    private const int MaxErrorBodyLength = 4096;

    public Uri BaseUrl { get; } = baseUrl;

    public async Task<OllamaChatResponse> ChatAsync(OllamaChatRequest request, CancellationToken cancellationToken)
    {
        using var response = await PostChatAsync(request, cancellationToken);
        return await response.Content.ReadFromJsonAsync(OllamaJsonContext.Default.OllamaChatResponse, cancellationToken)
            ?? throw new JsonException("Ollama answered with an empty body.");
    }

    public async Task<OllamaEmbedResponse> EmbedAsync(OllamaEmbedRequest request, CancellationToken cancellationToken)
    {
        using var response = await PostAsync("api/embed", JsonContent.Create(request, OllamaJsonContext.Default.OllamaEmbedRequest), cancellationToken);
        return await response.Content.ReadFromJsonAsync(OllamaJsonContext.Default.OllamaEmbedResponse, cancellationToken)
            ?? throw new JsonException("Ollama answered with an empty body.");
    }

    public async IAsyncEnumerable<OllamaChatResponse> ChatStreamAsync(OllamaChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await PostChatAsync(request, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                yield return JsonSerializer.Deserialize(line, OllamaJsonContext.Default.OllamaChatResponse)
                    ?? throw new JsonException("Ollama sent an empty line object.");
            }
        }
    }

    public async Task<OllamaTagsResponse> TagsAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(BaseUrl, "api/tags"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await ThrowIfFailedAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync(OllamaJsonContext.Default.OllamaTagsResponse, cancellationToken) ?? new OllamaTagsResponse();
    }

    private Task<HttpResponseMessage> PostChatAsync(OllamaChatRequest request, CancellationToken cancellationToken) =>
        PostAsync("api/chat", JsonContent.Create(request, OllamaJsonContext.Default.OllamaChatRequest), cancellationToken);

    private async Task<HttpResponseMessage> PostAsync(string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, path)) { Content = content };
        var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            await ThrowIfFailedAsync(response, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? message;
        try
        {
            message = JsonSerializer.Deserialize(body, OllamaJsonContext.Default.OllamaError)?.Error;
        }
        catch (JsonException)
        {
            message = null;
        }

        // Only Ollama's own JSON error ({"error":"…"}) is repeated to clients; any other body (a proxy's HTML page) is kept for the debug log.
        var retryAfter = response.Headers.RetryAfter is { } header
            ? header.Delta ?? (header.Date - DateTimeOffset.UtcNow)
            : null;
        throw new OllamaHttpException((int)response.StatusCode, message, retryAfter)
        {
            Body = body.Length <= MaxErrorBodyLength ? body.Trim() : body[..MaxErrorBodyLength],
        };
    }
}

/// <summary>Ollama answered with an error status; <see cref="UpstreamMessage"/> is its JSON error's text, if it sent one.</summary>
internal sealed class OllamaHttpException : Exception
{
    public OllamaHttpException(int status, string? upstreamMessage, TimeSpan? retryAfter)
        : base($"Ollama answered {status.ToString(CultureInfo.InvariantCulture)}: {upstreamMessage}")
    {
        Status = status;
        UpstreamMessage = upstreamMessage;
        RetryAfter = retryAfter;
    }

    public OllamaHttpException()
    {
    }

    public OllamaHttpException(string message)
        : base(message)
    {
    }

    public OllamaHttpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Status { get; }

    public string? UpstreamMessage { get; }

    /// <summary>The body as sent (at most 4 KB), for the debug log only.</summary>
    public string? Body { get; init; }

    public TimeSpan? RetryAfter { get; }
}

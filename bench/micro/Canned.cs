using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Languru.Bench.Micro;

/// <summary>The benchmark upstream's answers (bench/upstream/nginx.conf), and a handler that serves them in memory.</summary>
public static class Canned
{
    public const string Request = """
        {"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are a concise assistant. Answer in one short paragraph and do not use lists."},{"role":"user","content":"Explain in two sentences why a reverse proxy adds latency to every request, and what dominates that cost on a loopback benchmark: parsing, copying or scheduling?"}],"max_tokens":64,"temperature":0}
        """;

    public const string Answer = """
        {"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","system_fingerprint":"fp_bench","choices":[{"index":0,"message":{"role":"assistant","content":"Hello! This is a canned reply from the zero-cost benchmark upstream."},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":15,"total_tokens":27}}
        """;

    public const string Chunk = """
        {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"tok07 "},"finish_reason":null}]}
        """;

    /// <summary>20 chunks and [DONE], as the benchmark upstream streams them.</summary>
    public static string Stream()
    {
        var sse = new StringBuilder();
        sse.Append("""data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""").Append("\n\n");
        for (var i = 0; i < 18; i++)
        {
            sse.Append("data: ").Append(Chunk.Replace("tok07", $"tok{i:00}", StringComparison.Ordinal)).Append("\n\n");
        }

        sse.Append("""data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""").Append("\n\n");
        sse.Append("""data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":20,"total_tokens":32}}""").Append("\n\n");
        return sse.Append("data: [DONE]\n\n").ToString();
    }
}

/// <summary>Reads the request body (as a transport would) and answers with the canned answer or stream.</summary>
public sealed class CannedHandler : HttpMessageHandler
{
    private readonly byte[] _answer = Encoding.UTF8.GetBytes(Canned.Answer);
    private readonly byte[] _stream = Encoding.UTF8.GetBytes(Canned.Stream());

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        var stream = body.AsSpan().IndexOf("\"stream\":true"u8) >= 0;
        var content = new ByteArrayContent(stream ? _stream : _answer);
        content.Headers.ContentType = new MediaTypeHeaderValue(stream ? "text/event-stream" : "application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}

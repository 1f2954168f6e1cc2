using System.Text;
using Languru.Api.Mapping;
using Languru.Api.Streaming;
using Languru.Contracts.Chat;
using Languru.Providers.Chat;
using Languru.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Languru.Tests.Api;

public class ChatCompletionStreamResultTests
{
    private static ChatChunkEvent Chunk(string content, string? finish = null) => new(new ChatCompletionChunk
    {
        Id = "chatcmpl-1",
        Created = 1,
        Model = "m",
        Choices = [new ChatCompletionChunkChoice { Index = 0, Delta = new ChatCompletionDelta { Content = content }, FinishReason = finish }],
    });

    private static (ActionContext Context, FlushRecordingStream Body) Context(CancellationToken aborted = default)
    {
        var body = new FlushRecordingStream();
        var http = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance).AddLogging().BuildServiceProvider(),
            RequestAborted = aborted,
        };
        http.Response.Body = body;
        return (new ActionContext(http, new RouteData(), new ActionDescriptor()), body);
    }

    [Test]
    public async Task ExecuteResultAsync_WritesEachChunkAsOneFlushedEventThenDone()
    {
        // Arrange
        var result = await ChatCompletionStreamResult.StartAsync(AsyncEnumerables.Of(new[] { Chunk("Hi"), Chunk("", "stop") }), CancellationToken.None);
        var (context, body) = Context();

        // Act
        await result.ExecuteResultAsync(context);

        // Assert
        Assert.That(context.HttpContext.Response.ContentType, Is.EqualTo("text/event-stream; charset=utf-8"));
        Assert.That(context.HttpContext.Response.Headers.CacheControl.ToString(), Is.EqualTo("no-store"));
        Assert.That(body.Flushed, Is.EqualTo(new[]
        {
            "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n",
            "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n",
            "data: [DONE]\n\n",
        }), "one flush per event, nothing held back");
    }

    [Test]
    public void StartAsync_FirstChunkFails_ThrowsBeforeAnythingIsWritten()
    {
        // Arrange
        var failing = AsyncEnumerables.ThenThrow(Array.Empty<ChatChunkEvent>(), new ChatProviderException(ChatProviderErrorKind.ModelNotFound, "no such model"));

        // Act & Assert
        Assert.That(async () => await ChatCompletionStreamResult.StartAsync(failing, CancellationToken.None),
            Throws.TypeOf<ChatProviderException>().With.Message.EqualTo("no such model"));
    }

    [Test]
    public async Task ExecuteResultAsync_FailureAfterTheStart_EndsWithAnErrorEventAndNoDone()
    {
        // Arrange
        var chunks = AsyncEnumerables.ThenThrow(new[] { Chunk("partial") }, new ChatProviderException(ChatProviderErrorKind.UpstreamError, "The upstream connection broke."));
        var result = await ChatCompletionStreamResult.StartAsync(chunks, CancellationToken.None);
        var (context, body) = Context();

        // Act
        await result.ExecuteResultAsync(context);

        // Assert
        Assert.That(body.Flushed, Has.Count.EqualTo(2));
        Assert.That(body.Flushed[1], Is.EqualTo(
            "data: {\"error\":{\"message\":\"The upstream connection broke.\",\"type\":\"server_error\",\"param\":null,\"code\":\"upstream_error\"}}\n\n"));
        Assert.That(body.Text, Does.Not.Contain("[DONE]"));
    }

    [Test]
    public async Task ExecuteResultAsync_ClientDisconnects_StopsQuietlyAndCancelsTheSource()
    {
        // Arrange
        using var aborted = new CancellationTokenSource();
        var sourceCancelled = false;
        async IAsyncEnumerable<ChatChunkEvent> Source([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token = default)
        {
            yield return Chunk("first");
            await aborted.CancelAsync(); // the client goes away while the next chunk is awaited
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                sourceCancelled = token.IsCancellationRequested;
            }

            yield return Chunk("never");
        }

        var result = await ChatCompletionStreamResult.StartAsync(Source(aborted.Token), aborted.Token);
        var (context, body) = Context(aborted.Token);

        // Act
        await result.ExecuteResultAsync(context);

        // Assert
        Assert.That(sourceCancelled, Is.True);
        Assert.That(body.Flushed, Has.Count.EqualTo(1), "no error event and no [DONE] for a client that left");
    }

    /// <summary>Records what was written between flushes.</summary>
    private sealed class FlushRecordingStream : MemoryStream
    {
        private int _flushedUpTo;

        public List<string> Flushed { get; } = [];

        public string Text => Encoding.UTF8.GetString(ToArray());

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            var all = ToArray();
            if (all.Length > _flushedUpTo)
            {
                Flushed.Add(Encoding.UTF8.GetString(all, _flushedUpTo, all.Length - _flushedUpTo));
                _flushedUpTo = all.Length;
            }

            return Task.CompletedTask;
        }

        public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();
    }
}

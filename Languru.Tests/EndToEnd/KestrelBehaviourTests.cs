using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Languru.Tests.EndToEnd;

/// <summary>What only a real server shows: body limits and client disconnects.</summary>
public class KestrelBehaviourTests
{
    [Test]
    public async Task BodyOverTheLimit_Is413WithTheEnvelope()
    {
        // Arrange
        await using var factory = new LanguruFactory().With("Kestrel:Limits:MaxRequestBodySize", "1024");
        using var client = new HttpClient { BaseAddress = factory.StartKestrel() };
        var body = $$"""{"model":"default","prompt":"{{new string('x', 4096)}}"}""";

        // Act
        var response = await client.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"error":{"message":"The request body is too large for this gateway (see Kestrel:Limits:MaxRequestBodySize in docs/configuration.md).","type":"invalid_request_error","param":null,"code":"request_too_large"}}"""));
    }

    [Test]
    public async Task ClientDisconnectingMidStream_CancelsTheProviderCall()
    {
        // Arrange
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var provider = new Mock<IChatClient>();
        provider.Setup(p => p.GetStreamingResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns((IEnumerable<ChatMessage> _, ChatOptions _, CancellationToken token) => OneThenWait(cancelled, token));
        await using var factory = new LanguruFactory().WithProvider("mock", provider.Object, "mock-model");

        // A client that leaves does not drain the rest of the response (HttpClient would, for up to two seconds).
        using var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = factory.StartKestrel() };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent("""{"model":"mock-model","prompt":"x","stream":true}""", Encoding.UTF8, "application/json"),
        };

        // Act: read the first event, then go away.
        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.That(await reader.ReadLineAsync(), Does.StartWith("data: {"));
        }

        // Assert
        Assert.That(async () => await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10)), Throws.Nothing, "the provider saw the abort");
    }

    [Test]
    public async Task ClientGivingUpOnAWholeAnswer_CancelsTheProviderCall()
    {
        // Arrange
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var provider = new Mock<IChatClient>();
        provider.Setup(p => p.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(async (IEnumerable<ChatMessage> _, ChatOptions _, CancellationToken token) =>
            {
                token.Register(() => cancelled.TrySetResult());
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, token);
                return new ChatResponse();
            });
        await using var factory = new LanguruFactory().WithProvider("mock", provider.Object, "mock-model");
        using var client = new HttpClient { BaseAddress = factory.StartKestrel() };
        using var giveUp = new CancellationTokenSource();

        // Act
        var call = client.PostAsync("v1/chat/completions", new StringContent("""{"model":"mock-model","prompt":"x"}""", Encoding.UTF8, "application/json"), giveUp.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await giveUp.CancelAsync();

        // Assert
        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(async () => await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10)), Throws.Nothing, "the provider saw the abort");
    }

    [Test]
    public async Task GracefulStop_LetsAStreamInFlightFinish()
    {
        // Arrange: a provider that takes about a second to stream ten words.
        var provider = new Mock<IChatClient>();
        provider.Setup(p => p.GetStreamingResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns((IEnumerable<ChatMessage> _, ChatOptions _, CancellationToken token) => SlowWords(10, token));
        await using var factory = new LanguruFactory().WithProvider("mock", provider.Object, "mock-model");
        using var client = new HttpClient { BaseAddress = factory.StartKestrel() };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent("""{"model":"mock-model","prompt":"x","stream":true}""", Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await reader.ReadLineAsync();

        // Act: the gateway is told to stop (as on SIGTERM) while the stream is in flight.
        factory.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().StopApplication();
        var rest = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));

        // Assert: nothing in flight is lost.
        var events = ServerSentEvents.Data(first + "\n" + rest);
        Assert.That(events[^1], Is.EqualTo("[DONE]"));
        Assert.That(string.Concat(events.SkipLast(1).Select(e => System.Text.Json.JsonDocument.Parse(e).RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString())),
            Is.EqualTo("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9"));
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> SlowWords(int count, [EnumeratorCancellation] CancellationToken token = default)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Delay(100, token);
            yield return new ChatResponseUpdate(ChatRole.Assistant, (i == 0 ? "" : " ") + $"w{i}");
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, []) { FinishReason = ChatFinishReason.Stop };
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> OneThenWait(TaskCompletionSource cancelled, [EnumeratorCancellation] CancellationToken token = default)
    {
        token.Register(() => cancelled.TrySetResult());
        yield return new ChatResponseUpdate(ChatRole.Assistant, "first");
        await Task.Delay(Timeout.Infinite, token);
    }
}

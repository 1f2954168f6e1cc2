using System.ClientModel.Primitives;
using Languru.Providers.OpenAI;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Providers.OpenAI;

public class FinishReasonCompatibilityPolicyTests
{
    private const string Body = """{"object":"list","data":[{"id":"m","finish_reason":"eos_token"}],"finish_reason":"eos_token"}""";

    private static async Task<string> AnswerThroughThePolicyAsync(string path)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = Respond.Json(Body);
        using var http = new HttpClient();
        var pipeline = ClientPipeline.Create(new ClientPipelineOptions { Transport = new HttpClientPipelineTransport(http) }, [], [], [new FinishReasonCompatibilityPolicy()]);
        using var message = pipeline.CreateMessage();
        message.Request.Method = "POST";
        message.Request.Uri = new Uri(upstream.BaseUrl, path.TrimStart('/'));
        await pipeline.SendAsync(message);
        return message.Response!.Content.ToString();
    }

    [TestCase("embeddings")]
    [TestCase("models")]
    public async Task ProcessAsync_NotAChatAnswer_IsLeftAsSent(string path)
    {
        // Act
        var answer = await AnswerThroughThePolicyAsync(path);

        // Assert: only chat answers carry finish reasons; other bodies are not scanned.
        Assert.That(answer, Is.EqualTo(Body));
    }

    [Test]
    public async Task ProcessAsync_ChatAnswer_HasItsUnknownFinishReasonsRewritten()
    {
        // Act
        var answer = await AnswerThroughThePolicyAsync("chat/completions");

        // Assert
        Assert.That(answer, Is.EqualTo(Body.Replace("eos_token", "stop", StringComparison.Ordinal)));
    }
}

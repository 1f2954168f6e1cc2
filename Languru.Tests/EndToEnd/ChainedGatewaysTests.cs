using System.ClientModel;
using Languru.Tests.Infrastructure;
using OpenAI;
using OpenAI.Chat;

namespace Languru.Tests.EndToEnd;

/// <summary>
/// Two Languru instances over real HTTP: the front one routes <c>inner/…</c> to the back one as an OpenAI-compatible
/// upstream, which answers with its echo provider. Both legs speak the wire format for real.
/// </summary>
public class ChainedGatewaysTests
{
    private LanguruFactory _back = null!;
    private LanguruFactory _front = null!;
    private ChatClient _client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _back = new LanguruFactory();
        var backUrl = _back.StartKestrel();
        _front = new LanguruFactory()
            .With("Languru:Providers:inner:Type", "openai")
            .With("Languru:Providers:inner:BaseUrl", new Uri(backUrl, "v1").ToString())
            .With("Languru:Aliases:via-inner", "inner/default");
        var frontUrl = _front.StartKestrel();
        _client = new ChatClient("via-inner", new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = new Uri(frontUrl, "v1") });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _front.DisposeAsync();
        await _back.DisposeAsync();
    }

    [Test]
    public async Task CompleteChat_GoesThroughBothGateways()
    {
        // Act
        ChatCompletion completion = await _client.CompleteChatAsync([new UserChatMessage("round trip please")], new ChatCompletionOptions { MaxOutputTokenCount = 2 });

        // Assert
        Assert.That(completion.Content.Single().Text, Is.EqualTo("round trip"));
        Assert.That(completion.FinishReason, Is.EqualTo(ChatFinishReason.Length));
        Assert.That(completion.Model, Is.EqualTo("via-inner"));
        Assert.That(completion.Usage.OutputTokenCount, Is.EqualTo(2));
    }

    [Test]
    public async Task CompleteChatStreaming_GoesThroughBothGatewaysWithUsage()
    {
        // Arrange
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;

        // Act
        await foreach (var update in _client.CompleteChatStreamingAsync([new UserChatMessage("streamed across two gateways")]))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            usage ??= update.Usage;
        }

        // Assert
        Assert.That(text.ToString(), Is.EqualTo("streamed across two gateways"));
        Assert.That(usage!.OutputTokenCount, Is.EqualTo(4));
    }

    [Test]
    public async Task ModelList_OfTheFrontIncludesTheBacksModels()
    {
        // Act
        using var http = _front.CreateClient();
        var body = await http.GetStringAsync("/v1/models");

        // Assert
        Assert.That(body, Does.Contain("\"id\":\"inner/default\"").And.Contain("\"id\":\"inner/echo\""));
    }
}

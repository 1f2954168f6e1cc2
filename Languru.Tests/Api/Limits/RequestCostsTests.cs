using Languru.Api.Limits;
using Languru.Contracts.Chat;
using Languru.Contracts.Embeddings;

namespace Languru.Tests.Api.Limits;

public class RequestCostsTests
{
    [Test]
    public void ForChat_CountsNAndChargesThePromptOnceAndMaxTokensPerChoice()
    {
        // Arrange: 12 + 8 characters of text in two messages
        var request = new ChatCompletionRequest
        {
            N = 3,
            MaxCompletionTokens = 100,
            MaxTokens = 7,
            Messages =
            [
                new() { Role = "system", Content = "Be concise." + "!" },
                new() { Role = "user", Content = new MessageContent([new ContentPart { Type = "text", Text = "Tell me" }, new ContentPart { Type = "text", Text = "!" }]) },
            ],
        };

        // Act
        var cost = RequestCosts.ForChat(request, maxChoices: 8);

        // Assert: ceil(20 / 4) + 2 × 4 per message, plus 3 × 100 (max_completion_tokens wins over max_tokens)
        Assert.That(cost, Is.EqualTo(new RequestCost(3, 5 + 8 + 300)));
    }

    [Test]
    public void ForEmbeddings_ChargesOneRequestAndTheInputs()
    {
        // Act
        var texts = RequestCosts.ForEmbeddings(new EmbeddingRequest { Input = EmbeddingInput.FromTexts(["12345", "1234", "1"]) });
        var ids = RequestCosts.ForEmbeddings(new EmbeddingRequest { Input = EmbeddingInput.FromTokenIdArrays([[1, 2, 3], [4]]) });
        var none = RequestCosts.ForEmbeddings(new EmbeddingRequest());

        // Assert: ceil(5 / 4) + ceil(4 / 4) + ceil(1 / 4); ids counted exactly
        Assert.That(texts, Is.EqualTo(new RequestCost(1, 2 + 1 + 1)));
        Assert.That(ids, Is.EqualTo(new RequestCost(1, 4)));
        Assert.That(none, Is.EqualTo(new RequestCost(1, 0)));
    }

    [Test]
    public void ForChat_HostileValues_StayInRange()
    {
        // Arrange
        var request = new ChatCompletionRequest { N = 1_000_000, MaxTokens = -5, Messages = [null!] };

        // Act
        var cost = RequestCosts.ForChat(request, maxChoices: 8);

        // Assert: n counted up to MaxChoices, the most a valid request can ask for
        Assert.That(cost, Is.EqualTo(new RequestCost(8, 0)));
    }

    [Test]
    public void For_OtherArguments_CostsOneRequest() =>
        Assert.That(RequestCosts.For(["echo", null], maxChoices: 8), Is.EqualTo(RequestCost.One));
}

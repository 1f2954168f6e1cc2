using System.Net;
using System.Text;
using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Moq;

namespace Languru.Tests.Api;

/// <summary><c>Languru:Limits</c>: one request cannot multiply the gateway's memory or its upstream's load.</summary>
public class LimitsTests
{
    [Test]
    public async Task NAboveMaxChoices_Is400NamingTheSettingAndNoProviderIsCalled()
    {
        // Arrange
        var provider = new Mock<IChatClient>();
        await using var factory = new LanguruFactory().WithProvider("mock", provider.Object, "mock-model");
        using var client = factory.CreateClient();

        // Act: OpenAI allows 128, which made 128 concurrent upstream calls.
        var response = await client.PostAsync("/v1/chat/completions", Json("""{"model":"mock-model","prompt":"x","n":128,"stream":true}"""));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"error":{"message":"Invalid 'n': this gateway serves at most 8 choices per request (setting Languru:Limits:MaxChoices), but got 128.","type":"invalid_request_error","param":"n","code":"integer_above_max_value"}}"""));
        provider.Verify(p => p.GetStreamingResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task MaxChoices_RaisedInConfiguration_AllowsMoreChoices()
    {
        // Arrange
        await using var factory = new LanguruFactory().With("Languru:Limits:MaxChoices", "12");
        using var client = factory.CreateClient();

        // Act
        var response = await client.PostAsync("/v1/chat/completions", Json("""{"model":"echo","prompt":"x","n":12}"""));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"index\":11"));
    }

    [Test]
    public async Task MessagesAboveMaxMessages_Is400NamingTheSetting()
    {
        // Arrange
        await using var factory = new LanguruFactory().With("Languru:Limits:MaxMessages", "2");
        using var client = factory.CreateClient();

        // Act
        var response = await client.PostAsync("/v1/chat/completions",
            Json("""{"model":"echo","messages":[{"role":"user","content":"a"},{"role":"user","content":"b"},{"role":"user","content":"c"}]}"""));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"error":{"message":"Invalid 'messages': array too long. This gateway accepts at most 2 messages per request (setting Languru:Limits:MaxMessages), but got 3.","type":"invalid_request_error","param":"messages","code":"array_above_max_length"}}"""));
    }

    [TestCase("MaxChoices", "129", "Languru:Limits:MaxChoices must be between 1 and 128 (OpenAI's own maximum).")]
    [TestCase("MaxChoices", "0", "Languru:Limits:MaxChoices must be between 1 and 128 (OpenAI's own maximum).")]
    [TestCase("MaxMessages", "0", "Languru:Limits:MaxMessages must be between 1 and 1000000.")]
    public void Limit_OutOfRange_RefusesToStartNamingTheSetting(string setting, string value, string message)
    {
        // Arrange
        using var factory = new LanguruFactory().With($"Languru:Limits:{setting}", value);

        // Act
        var ex = Assert.Catch(() => factory.CreateClient());

        // Assert
        var failures = (ex as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)
            ?? ((OptionsValidationException)ex!).Failures;
        Assert.That(failures.Single(), Does.Contain(message));
    }

    [Test]
    public async Task EchoAnswer_IsCappedAtMaxReplyLength()
    {
        // Arrange
        await using var factory = new LanguruFactory().With("Languru:Providers:echo:MaxReplyLength", "5");
        using var client = factory.CreateClient();

        // Act
        var response = await client.PostAsync("/v1/chat/completions", Json("""{"model":"echo","prompt":"abcdefghij","n":2}"""));

        // Assert
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain("""{"index":1,"message":{"role":"assistant","content":"abcde","refusal":null},"logprobs":null,"finish_reason":"length"}"""));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

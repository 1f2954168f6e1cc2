using Languru.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Languru.Tests.Api;

public class StartupValidationTests
{
    [Test]
    public void Start_WithBadConfiguration_RefusesToStartAndListsEveryProblem()
    {
        // Arrange
        using var factory = new LanguruFactory()
            .With("Languru:Aliases:default", "nowhere")
            .With("Languru:Providers:echo:DeltaDelay", "00:05:00")
            .With("Languru:Providers:openai:Timeout", "soon")
            .With("Languru:Providers:extra:Type", "teleport")
            .With("Languru:Providers:second:Type", "echo")
            .With("Languru:Providers:second:Models:0", "echo");

        // Act
        var ex = Assert.Catch(() => factory.CreateClient());

        // Assert
        var messages = (ex as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)
            ?? ((OptionsValidationException)ex!).Failures;
        Assert.That(messages, Is.EquivalentTo(new[]
        {
            "Languru:Providers:extra:Type 'teleport' is unknown; known types: echo, openai, ollama.",
            "Languru:Providers:second:Models:0: the model 'echo' is already claimed by provider 'echo'.",
            "Languru:Aliases:default: no provider serves 'nowhere'. Use 'provider/model' or a name listed in a provider's Models.",
            "Languru:Providers:echo:DeltaDelay '00:05:00': DeltaDelay must be between 00:00:00 and 00:01:00.",
            "Languru:Providers:openai:Timeout 'soon' is not a duration: expected [d.]hh:mm:ss[.fff], e.g. 00:00:30 or 00:00:00.250.",
        }));
    }

    [Test]
    public void Start_WithAZeroResponseStore_RefusesToStartNamingTheSetting()
    {
        // Arrange
        using var factory = new LanguruFactory().With("Languru:Responses:MaxStored", "0");

        // Act
        var ex = Assert.Catch(() => factory.CreateClient());

        // Assert
        Assert.That(ex!.ToString(), Does.Contain("Languru:Responses:MaxStored '0': MaxStored must be at least 1."));
    }

    [Test]
    public void Start_WithAnotherEchoProvider_Works()
    {
        // Arrange
        using var factory = new LanguruFactory()
            .With("Languru:Providers:slow:Type", "echo")
            .With("Languru:Providers:slow:DeltaDelay", "00:00:00.010")
            .With("Languru:Providers:slow:Models:0", "slow-echo");

        // Act
        using var client = factory.CreateClient();
        var body = client.GetStringAsync("/v1/models").GetAwaiter().GetResult();

        // Assert
        Assert.That(body, Does.Contain("\"id\":\"slow-echo\",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"slow\""));
    }
}

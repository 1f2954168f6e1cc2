using Languru.Providers.Routing;
using Moq;

namespace Languru.Tests.Providers;

public class RoutingOptionsValidatorTests
{
    [Test]
    public void Validate_RouteAndProviderProblems_AreReportedTogether()
    {
        // Arrange
        var factory = new Mock<IChatProviderFactory>();
        factory.SetupGet(f => f.Type).Returns("stub");
        factory.Setup(f => f.Validate("a")).Returns(["Languru:Providers:a:BaseUrl is missing."]);
        factory.Setup(f => f.Validate("off")).Returns(["never asked"]);
        var options = new RoutingOptions();
        options.Providers["a"] = new ProviderRouteOptions { Type = "stub" };
        options.Providers["off"] = new ProviderRouteOptions { Type = "stub", Enabled = false };
        options.Aliases["x"] = "nowhere";
        var validator = new RoutingOptionsValidator([factory.Object]);

        // Act
        var result = validator.Validate(null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Is.EquivalentTo(new[]
        {
            "Languru:Aliases:x: no provider serves 'nowhere'. Use 'provider/model' or a name listed in a provider's Models.",
            "Languru:Providers:a:BaseUrl is missing.",
        }), "a disabled provider's own settings are not checked");
    }

    [Test]
    public void Validate_TwoFactoriesForOneType_IsAProblem()
    {
        // Arrange
        var one = Mock.Of<IChatProviderFactory>(f => f.Type == "echo");
        var two = Mock.Of<IChatProviderFactory>(f => f.Type == "ECHO");
        var validator = new RoutingOptionsValidator([one, two]);

        // Act
        var result = validator.Validate(null, new RoutingOptions());

        // Assert
        Assert.That(result.Failures, Is.EqualTo(new[] { "Two provider factories claim the type 'ECHO'." }));
    }
}

using Languru.Providers.OpenAI;

namespace Languru.Tests.Providers.OpenAI;

public class OpenAIHttpExceptionTests
{
    [Test]
    public void Constructors_AllTakeTheStatus()
    {
        // Arrange: a constructor without the status would leave Status at 0, an answer no upstream gives.
        var constructors = typeof(OpenAIHttpException).GetConstructors();

        // Act & Assert
        Assert.That(constructors.Select(c => c.GetParameters().Select(p => p.ParameterType)), Is.All.Contains(typeof(int)));
        Assert.That(new OpenAIHttpException(503).Status, Is.EqualTo(503));
    }
}

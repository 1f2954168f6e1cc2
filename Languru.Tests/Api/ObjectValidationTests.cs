using Languru.Contracts.Chat;
using Languru.Contracts.Embeddings;
using Languru.Contracts.Responses;
using Languru.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;

namespace Languru.Tests.Api;

/// <summary>MVC's object-graph validation stops at the wire DTOs (the validators check them), and only there.</summary>
public class ObjectValidationTests
{
    [TestCase(typeof(ChatCompletionRequest))]
    [TestCase(typeof(ChatCompletionRequestMessage))]
    [TestCase(typeof(CreateResponseRequest))]
    [TestCase(typeof(EmbeddingRequest))]
    public async Task WireDto_IsNotWalkedByMvcValidation(Type type)
    {
        // Arrange
        await using var factory = new LanguruFactory();
        var metadata = factory.Services.GetRequiredService<IModelMetadataProvider>();

        // Act
        var validateChildren = metadata.GetMetadataForType(type).ValidateChildren;

        // Assert
        Assert.That(validateChildren, Is.False);
    }

    [Test]
    public async Task OtherComplexType_IsStillWalked()
    {
        // Arrange
        await using var factory = new LanguruFactory();
        var metadata = factory.Services.GetRequiredService<IModelMetadataProvider>();

        // Act
        var validateChildren = metadata.GetMetadataForType(typeof(Form)).ValidateChildren;

        // Assert
        Assert.That(validateChildren, Is.True);
    }

    private sealed class Form
    {
        public string? Name { get; set; }
    }
}

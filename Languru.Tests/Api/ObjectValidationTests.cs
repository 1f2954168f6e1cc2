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

    [Test]
    public async Task RequestBodyParameter_HasNoImplicitRequiredRule()
    {
        // Arrange: without the option, MVC adds [Required] to a non-nullable parameter and validates every body with it
        await using var factory = new LanguruFactory();
        var metadata = factory.Services.GetRequiredService<IModelMetadataProvider>();
        var parameter = typeof(Languru.Api.Controllers.ChatCompletionsController)
            .GetMethod(nameof(Languru.Api.Controllers.ChatCompletionsController.CreateChatCompletion))!.GetParameters()[0];

        // Act
        var required = ((ModelMetadataProvider)metadata).GetMetadataForParameter(parameter).IsRequired;

        // Assert
        Assert.That(required, Is.False);
    }

    [Test]
    public async Task NoFormValueProviders_AreOffered()
    {
        // Arrange
        await using var factory = new LanguruFactory();
        var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Mvc.MvcOptions>>().Value;

        // Act
        var names = options.ValueProviderFactories.Select(f => f.GetType().Name).ToList();

        // Assert: route and query values remain; no action binds a form
        Assert.That(names, Does.Contain(nameof(RouteValueProviderFactory)).And.Contain(nameof(QueryStringValueProviderFactory)));
        Assert.That(names, Has.None.Contains("Form"));
    }

    private sealed class Form
    {
        public string? Name { get; set; }
    }
}

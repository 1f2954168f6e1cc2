using System.Net.Http.Headers;
using Languru.Client;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Clients;

/// <summary>The checked-in NSwag C# client against a gateway that needs a key.</summary>
public class NSwagKeyTests
{
    private const string Key = "sk-nswag-test";

    [Test]
    public async Task ListModels_WithTheKeyOnTheHttpClient_Answers_WithoutIt_ThrowsTheEnvelope()
    {
        // Arrange
        await using var factory = new LanguruFactory().With("LANGURU_API_KEYS", Key);
        var gateway = factory.StartKestrel().ToString().TrimEnd('/');
        using var keyed = new HttpClient { DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", Key) } };
        using var anonymous = new HttpClient();

        // Act
        var models = await new LanguruClient(gateway, keyed).ListModelsAsync();
        var refused = Assert.ThrowsAsync<ApiException<ErrorResponse>>(() => new LanguruClient(gateway, anonymous).ListModelsAsync());

        // Assert
        Assert.That(models.Data.Select(m => m.Id), Does.Contain("default"));
        Assert.That(refused!.StatusCode, Is.EqualTo(401));
        Assert.That(refused.Result.Error.Code, Is.EqualTo("invalid_api_key"));
    }
}

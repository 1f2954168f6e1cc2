using System.ClientModel;
using Languru.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;

namespace Languru.Tests.EndToEnd;

/// <summary>The official OpenAI .NET SDK against a gateway with keys: it authenticates, and retries no 401 or 403.</summary>
public class OpenAISdkKeyTests
{
    private const string Key = "sk-sdk-test";
    private const string LimitedKey = "sk-sdk-limited";

    private LanguruFactory _factory = null!;
    private Uri _baseUrl = null!;
    private int _requests;

    [OneTimeSetUp]
    public void StartGateway()
    {
        _factory = new LanguruFactory()
            .With("Languru:Keys:team:Key", Key)
            .With("Languru:Keys:limited:Key", LimitedKey)
            .With("Languru:Keys:limited:Models:0", "default")
            .WithServices(s => s.AddSingleton<IStartupFilter>(new CountingFilter(() => Interlocked.Increment(ref _requests))));
        _baseUrl = _factory.StartKestrel();
    }

    [OneTimeTearDown]
    public async Task StopGateway() => await _factory.DisposeAsync();

    private ChatClient Client(string model, string key) =>
        new(model, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(_baseUrl, "v1") });

    [Test]
    public async Task CompleteChat_WithTheKey_Answers()
    {
        // Act
        ChatCompletion completion = await Client("default", Key).CompleteChatAsync([new UserChatMessage("Tell me a joke")]);

        // Assert
        Assert.That(completion.Content.Single().Text, Is.EqualTo("Tell me a joke"));
    }

    [TestCase("sk-wrong", "default", 401)]
    [TestCase(LimitedKey, "echo", 403)]
    public void CompleteChat_RefusedKeyOrModel_FailsAtOnceWithoutRetrying(string key, string model, int status)
    {
        // Arrange
        var before = Volatile.Read(ref _requests);

        // Act
        var ex = Assert.ThrowsAsync<ClientResultException>(() => Client(model, key).CompleteChatAsync([new UserChatMessage("Hi")]));

        // Assert
        Assert.That(ex!.Status, Is.EqualTo(status));
        Assert.That(Volatile.Read(ref _requests) - before, Is.EqualTo(1), "the SDK sent the request once");
    }

    private sealed class CountingFilter(Action count) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                count();
                return following(context);
            });
            next(app);
        };
    }
}

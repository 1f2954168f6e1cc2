using Languru.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Languru.Tests.Providers.OpenAI;

public class OpenAIProviderFactoryTests
{
    [Test]
    public void Create_OpenAIWithoutAKey_IsNotConfiguredAndNamesTheVariable()
    {
        // Arrange
        using var providers = new OpenAIProviders(null, ("ApiKeyEnvironmentVariable", "OPENAI_API_KEY"));

        // Act
        var provider = providers.Create();

        // Assert
        Assert.That(provider.IsConfigured, Is.False);
        Assert.That(provider.SetupHint, Is.EqualTo("set the OPENAI_API_KEY environment variable (or Languru:Providers:up:ApiKey)"));
    }

    [Test]
    public async Task Create_KeyAndBaseUrlFromTheVariablesTheyName_AreUsed()
    {
        // Arrange
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);
        using var providers = new OpenAIProviders(
            null,
            ("ApiKeyEnvironmentVariable", "MY_KEY"),
            ("BaseUrlEnvironmentVariable", "MY_BASE_URL"),
            ("env:MY_KEY", "sk-from-env"),
            ("env:MY_BASE_URL", new Uri(upstream.BaseUrl, "v1").ToString()));

        // Act
        var provider = providers.Create();
        await provider.Client!.GetResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "m" });

        // Assert
        Assert.That(provider.IsConfigured, Is.True);
        Assert.That(upstream.LastRequest.Headers["Authorization"], Is.EqualTo("Bearer sk-from-env"));
    }

    [Test]
    public async Task Create_LocalServerWithoutAKey_IsEnabledAndSendsNoCredentials()
    {
        // Arrange
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);
        using var providers = new OpenAIProviders(upstream.BaseUrl);

        // Act
        var provider = providers.Create();
        await provider.Client!.GetResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "m" });

        // Assert
        Assert.That(provider.IsConfigured, Is.True);
        Assert.That(upstream.LastRequest.Headers.ContainsKey("Authorization"), Is.False);
    }

    [Test]
    public async Task Create_OrganizationProjectAndHeaders_AreSent()
    {
        // Arrange
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);
        using var providers = new OpenAIProviders(upstream.BaseUrl, ("ApiKey", "k"), ("Organization", "org-1"), ("Project", "proj-1"),
            ("Headers:HTTP-Referer", "https://languru.example"), ("Headers:X-Title", "Languru"));

        // Act
        await providers.Create().Client!.GetResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ModelId = "m" });

        // Assert
        var headers = upstream.LastRequest.Headers;
        Assert.That((headers["OpenAI-Organization"], headers["OpenAI-Project"]), Is.EqualTo(("org-1", "proj-1")));
        Assert.That((headers["HTTP-Referer"], headers["X-Title"]), Is.EqualTo(("https://languru.example", "Languru")));
        Assert.That(headers["User-Agent"], Does.StartWith("languru "));
    }

    [Test]
    public void Validate_ReportsEveryProblemWithItsSetting()
    {
        // Arrange
        using var providers = new OpenAIProviders(null,
            ("BaseUrl", "not a url"), ("TimeToFirstToken", "00:05:00"), ("Timeout", "00:01:00"), ("ModelListCacheDuration", "00:00:00"));

        // Act
        var problems = providers.Factory.Validate("up").ToList();

        // Assert
        Assert.That(problems, Is.EqualTo(new[] { "Languru:Providers:up:ModelListCacheDuration '00:00:00': ModelListCacheDuration must be between 00:00:01 and 1.00:00:00." }));
    }

    [Test]
    public void Validate_CrossFieldProblems_AreNamed()
    {
        // Arrange
        using var providers = new OpenAIProviders(null,
            ("BaseUrl", "ftp://x"), ("TimeToFirstToken", "00:05:00"), ("IdleTimeout", "00:02:00"), ("ConnectTimeout", "00:01:30"), ("Timeout", "00:01:00"));
        using var enabledWithoutKey = new OpenAIProviders(null, ("Enabled", "true"), ("ApiKeyEnvironmentVariable", "OPENAI_API_KEY"));

        // Act & Assert
        Assert.That(providers.Factory.Validate("up"), Is.EqualTo(new[]
        {
            "Languru:Providers:up:BaseUrl 'ftp://x' is not an absolute http(s) URL.",
            "Languru:Providers:up:TimeToFirstToken (00:05:00) is longer than its Timeout (00:01:00).",
            "Languru:Providers:up:IdleTimeout (00:02:00) is longer than its Timeout (00:01:00).",
            "Languru:Providers:up:ConnectTimeout (00:01:30) is longer than its Timeout (00:01:00).",
        }));
        Assert.That(enabledWithoutKey.Factory.Validate("up"), Is.EqualTo(new[]
        {
            "Languru:Providers:up: enabled, but OpenAI's API needs a key: set the OPENAI_API_KEY environment variable (or Languru:Providers:up:ApiKey).",
        }));
    }
}

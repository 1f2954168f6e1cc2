using System.Net;
using System.Text;
using Languru.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Languru.Tests.EndToEnd;

/// <summary>What the provider's HTTP client does not do on its own: keep an upstream's cookies, follow its redirects.</summary>
public class ProviderHttpClientTests
{
    private const string Body = """{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}""";

    [Test]
    public async Task UpstreamCookie_IsNotSentWithTheNextCallersRequest()
    {
        // Arrange
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer, 200, ("Set-Cookie", "session=caller-one; Path=/"));
        await using var factory = new LanguruFactory().With("OPENAI_BASE_URL", new Uri(upstream.BaseUrl, "v1").ToString());
        using var client = new HttpClient { BaseAddress = factory.StartKestrel() };

        // Act
        using var first = await client.PostAsync("v1/chat/completions", new StringContent(Body, Encoding.UTF8, "application/json"));
        using var second = await client.PostAsync("v1/chat/completions", new StringContent(Body, Encoding.UTF8, "application/json"));

        // Assert
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(upstream.Requests, Has.Count.EqualTo(2));
        Assert.That(upstream.Requests[1].Headers.Keys, Has.None.EqualTo("Cookie").IgnoreCase);
    }

    [Test]
    public async Task UpstreamRedirect_IsNotFollowed()
    {
        // Arrange: the upstream points elsewhere; the gateway must not replay the request (and its key) there.
        await using var elsewhere = await FakeUpstream.StartAsync();
        elsewhere.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = context =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = new Uri(elsewhere.BaseUrl, "v1/chat/completions").ToString();
            return Task.CompletedTask;
        };
        await using var factory = new LanguruFactory().With("OPENAI_BASE_URL", new Uri(upstream.BaseUrl, "v1").ToString());
        using var client = new HttpClient { BaseAddress = factory.StartKestrel() };

        // Act
        using var response = await client.PostAsync("v1/chat/completions", new StringContent(Body, Encoding.UTF8, "application/json"));

        // Assert
        Assert.That((int)response.StatusCode, Is.GreaterThanOrEqualTo(500));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"error\""));
        Assert.That(elsewhere.Requests, Is.Empty);
    }

    [Test]
    public async Task BaseUrlWithAQuery_KeepsItAfterThePath()
    {
        // Arrange: Azure-style base URLs carry the API version as a query.
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = Respond.Json(OpenAIFixtures.PlainAnswer);
        await using var factory = new LanguruFactory().With("OPENAI_BASE_URL", new Uri(upstream.BaseUrl, "v1?api-version=2024-10-21").ToString());
        using var client = new HttpClient { BaseAddress = factory.StartKestrel() };

        // Act
        using var response = await client.PostAsync("v1/chat/completions", new StringContent(Body, Encoding.UTF8, "application/json"));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(upstream.LastRequest.Path, Is.EqualTo("/v1/chat/completions?api-version=2024-10-21"));
    }
}

using System.Net;
using System.Text.Json;
using Languru.Api.Access;
using Languru.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Languru.Tests.Api.Access;

public class OpenModeTests
{
    private static IEnumerable<string> FailuresOf(Exception? ex) =>
        (ex as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)
        ?? (ex as OptionsValidationException)?.Failures
        ?? throw new AssertionException($"expected a configuration error, got {ex}");

    [TestCase("urls", "http://0.0.0.0:8000", "http://0.0.0.0:8000")]
    [TestCase("urls", "http://localhost:8000;http://[::]:8001", "http://[::]:8001")]
    [TestCase("urls", "http://+:8000", "http://+:8000")]
    [TestCase("http_ports", "8080", "http://*:8080")]
    [TestCase("Kestrel:Endpoints:public:Url", "http://192.168.1.10:8000", "http://192.168.1.10:8000")]
    public void Start_NoKeysBeyondLoopback_RefusesSayingHowToAddAKey(string setting, string value, string named)
    {
        // Arrange
        using var factory = new LanguruFactory().With(setting, value);

        // Act
        var ex = Assert.Catch(() => factory.CreateClient());

        // Assert
        Assert.That(FailuresOf(ex), Is.EqualTo(new[]
        {
            $"Languru:Keys: no API key is configured, but the gateway would listen on {named}, beyond loopback. " +
            "Add a key (LANGURU_API_KEYS=<key>, or Languru:Keys:<name>:Key, :KeyEnvironmentVariable or :KeyHash), listen on localhost only, " +
            "or set Languru:Auth:AllowAnonymous=true to let anyone call.",
        }));
    }

    [TestCase("http://localhost:8000")]
    [TestCase("http://127.0.0.1:8000;http://[::1]:8000")]
    public async Task Start_NoKeysOnLoopback_StartsOpen(string urls)
    {
        // Arrange
        await using var factory = new LanguruFactory().With("urls", urls);
        using var client = factory.CreateClient();

        // Act
        var response = await client.GetAsync("/v1/models");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Start_KeyBeyondLoopback_Starts()
    {
        // Arrange
        await using var factory = new LanguruFactory().With("urls", "http://0.0.0.0:8000").With("LANGURU_API_KEYS", "sk-1");
        using var client = factory.CreateClient();

        // Act
        var response = await client.GetAsync("/health");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Start_AllowAnonymousBeyondLoopback_StartsWithOneWarning()
    {
        // Arrange
        await using var factory = new LanguruFactory()
            .With("urls", "http://0.0.0.0:8000")
            .With("Languru:Auth:AllowAnonymous", "true")
            .WithServices(s => s.AddLogging(l => l.AddFakeLogging()));

        // Act
        using var client = factory.CreateClient();

        // Assert
        var warnings = factory.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Level >= LogLevel.Warning).ToList();
        Assert.That(warnings.Select(w => w.Message), Is.EqualTo(new[]
        {
            "No API key is configured and Languru:Auth:AllowAnonymous is true: anyone who can reach http://0.0.0.0:8000 may call this gateway and spend its provider keys.",
        }));
    }

    [TestCase("evil.example")]
    [TestCase("evil.example:8000")]
    [TestCase("localhost.evil.example")]
    [TestCase("10.0.0.5:8000")]
    public async Task Request_NoKeysAndForeignHost_Returns400(string host)
    {
        // Arrange: a page on evil.example whose name was rebound to 127.0.0.1 still sends its own Host
        await using var factory = new LanguruFactory();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models") { Headers = { Host = host } };

        // Act
        var response = await client.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json.RootElement.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("host_not_allowed"));
    }

    [TestCase("localhost")]
    [TestCase("localhost:8000")]
    [TestCase("api.localhost:8000")]
    [TestCase("127.0.0.1:8000")]
    [TestCase("127.1.2.3")]
    [TestCase("[::1]:8000")]
    public async Task Request_NoKeysAndLoopbackHost_Answers(string host)
    {
        // Arrange
        await using var factory = new LanguruFactory();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models") { Headers = { Host = host } };

        // Act
        var response = await client.SendAsync(request);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Request_NoKeysForeignHostAndAllowedHostsSet_Answers()
    {
        // Arrange
        await using var factory = new LanguruFactory().With("AllowedHosts", "gateway.internal");
        using var client = factory.CreateClient();
        using var allowed = new HttpRequestMessage(HttpMethod.Get, "/v1/models") { Headers = { Host = "gateway.internal" } };
        using var other = new HttpRequestMessage(HttpMethod.Get, "/v1/models") { Headers = { Host = "evil.example" } };

        // Act
        var allowedResponse = await client.SendAsync(allowed);
        var otherResponse = await client.SendAsync(other);

        // Assert: AllowedHosts is ASP.NET Core's own host filtering, which now decides
        Assert.That(allowedResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(otherResponse.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Request_WithKeysAndForeignHost_Answers()
    {
        // Arrange
        await using var factory = new LanguruFactory().With("LANGURU_API_KEYS", "sk-1");
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models") { Headers = { Host = "gateway.example.com", Authorization = new("Bearer", "sk-1") } };

        // Act
        var response = await client.SendAsync(request);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("10.0.0.5", false, 403)]
    [TestCase("10.0.0.5", true, 200)]
    [TestCase("127.0.0.1", false, 200)]
    [TestCase("::ffff:127.0.0.1", false, 200)]
    public async Task Guard_NoKeysConnectionOnNonLoopbackAddress_RefusedUnlessAnonymousAllowed(string local, bool allowAnonymous, int status)
    {
        // Arrange
        var options = Options.Create(new AccessOptions { Auth = new() { AllowAnonymous = allowAnonymous } });
        var configuration = new ConfigurationBuilder().Build();
        var keys = new ApiKeyTable(Options.Create(new AccessOptions()), configuration);
        var guard = new OpenModeGuard(c => { c.Response.StatusCode = 200; return Task.CompletedTask; }, keys, options, configuration);
        var context = new DefaultHttpContext { Connection = { LocalIpAddress = IPAddress.Parse(local) }, Request = { Host = new("localhost") } };

        // Act
        await guard.InvokeAsync(context);

        // Assert
        Assert.That(context.Response.StatusCode, Is.EqualTo(status));
    }
}

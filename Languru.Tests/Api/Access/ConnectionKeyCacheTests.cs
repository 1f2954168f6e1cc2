using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Api.Access;

/// <summary>
/// The key a keep-alive connection last authenticated with is remembered (<c>Access/ConnectionKeyCache.cs</c>): on
/// real Kestrel, every request below goes over one connection, and each must still be answered for its own key.
/// </summary>
public class ConnectionKeyCacheTests
{
    private const string Key = "sk-languru-test-0123456789";
    private const string LimitedKey = "sk-languru-limited-9876543210";

    [Test]
    public async Task OneConnection_KeysThatChangeBetweenRequests_AreEachAuthenticatedAsThemselves()
    {
        // Arrange
        await using var factory = new LanguruFactory()
            .With("Languru:Keys:team:Key", Key)
            .With("Languru:Keys:limited:KeyHash", ApiKeyTableTests.HashOf(LimitedKey))
            .With("Languru:Keys:limited:Models:0", "default");
        var connections = 0;
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            ConnectCallback = async (context, cancellationToken) =>
            {
                Interlocked.Increment(ref connections);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = factory.StartKestrel() };

        // Act: the right key, another right key, wrong keys of the remembered key's length and of another, and back.
        var team = await ModelsAsync(client, Key);
        var limited = await ModelsAsync(client, LimitedKey);
        var wrongOfTheSameLength = await ModelsAsync(client, Key[..^1] + "x");
        var teamAgain = await ModelsAsync(client, Key);
        var wrongOfTheSameLengthAfterIt = await ModelsAsync(client, Key[..^1] + "x");
        var wrongAndLonger = await ModelsAsync(client, Key + "0");
        var missing = await ModelsAsync(client, null);
        var teamLast = await ModelsAsync(client, Key);

        // Assert
        Assert.That(connections, Is.EqualTo(1), "every request went over one keep-alive connection");
        Assert.That(team.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(team.Ids, Is.SupersetOf(new[] { "default", "echo" }));
        Assert.That(limited.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(limited.Ids, Is.EqualTo(new[] { "default" }), "the second key's own models, not the remembered key's");
        Assert.That(teamAgain.Ids, Is.EqualTo(team.Ids));
        Assert.That(teamLast.Ids, Is.EqualTo(team.Ids));
        Assert.That(new[] { wrongOfTheSameLength.Status, wrongOfTheSameLengthAfterIt.Status, wrongAndLonger.Status, missing.Status },
            Has.All.EqualTo(HttpStatusCode.Unauthorized));
    }

    private static async Task<(HttpStatusCode Status, string[] Ids)> ModelsAsync(HttpClient client, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        if (key is not null)
        {
            request.Headers.Authorization = new("Bearer", key);
        }

        using var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, []);
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, [.. json.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!)]);
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Languru.Api.Access;
using Languru.Tests.Infrastructure;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Languru.Tests.Api.Access;

/// <summary>
/// The key a keep-alive connection last authenticated with is remembered (<c>Access/ConnectionKeyCache.cs</c>): on
/// real Kestrel, requests over one connection are each answered for their own key; on ASP.NET Core's
/// <see cref="DefaultConnectionContext"/> as the connection, what is remembered, when it is hit, and when nothing is.
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

        // Act: the right key, another right key (remembered next), a wrong key of another length than the remembered
        // one, the first key again, a wrong key of its length, a longer one, none, and the first key again.
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

    [Test]
    public void Find_AfterAMatch_RemembersTheKeyAndTheNextRequestHitsIt()
    {
        // Arrange
        var table = Table();
        var connection = new DefaultConnectionContext();

        // Act
        var first = ConnectionKeyCache.Find(Request(connection), Key, table);
        var remembered = connection.Items.Values.Single();
        var second = ConnectionKeyCache.Find(Request(connection), Key, table);

        // Assert
        Assert.That(first?.Name, Is.EqualTo("team"));
        Assert.That(second, Is.SameAs(first));
        Assert.That(connection.Items.Values.Single(), Is.SameAs(remembered), "a hit keeps the entry; only a lookup stores a new one");
    }

    [Test]
    public void Find_WrongKeys_AreNotRememberedAndDoNotEvictTheKey()
    {
        // Arrange
        var table = Table();
        var connection = new DefaultConnectionContext();
        var empty = new DefaultConnectionContext();

        // Act
        var wrongFirst = ConnectionKeyCache.Find(Request(empty), Key[..^1] + "x", table);
        ConnectionKeyCache.Find(Request(connection), Key, table);
        var remembered = connection.Items.Values.Single();
        var wrongAfter = ConnectionKeyCache.Find(Request(connection), Key[..^1] + "x", table);

        // Assert
        Assert.That(wrongFirst, Is.Null);
        Assert.That(empty.Items, Is.Empty);
        Assert.That(wrongAfter, Is.Null);
        Assert.That(connection.Items.Values.Single(), Is.SameAs(remembered));
    }

    [TestCase("HTTP/2")]
    [TestCase("HTTP/3")]
    [TestCase("HTTP/1.0")]
    public void Find_OnAConnectionOtherThanHttp11_RemembersNothing(string protocol)
    {
        // Arrange
        var connection = new DefaultConnectionContext();

        // Act
        var found = ConnectionKeyCache.Find(Request(connection, protocol), Key, Table());

        // Assert
        Assert.That(found?.Name, Is.EqualTo("team"));
        Assert.That(connection.Items, Is.Empty);
    }

    private static ApiKeyTable Table() => ApiKeyTableTests.TableOf("team", new ApiKeyOptions { Key = Key });

    private static DefaultHttpContext Request(IConnectionItemsFeature connection, string protocol = "HTTP/1.1")
    {
        var context = new DefaultHttpContext();
        context.Request.Protocol = protocol;
        context.Features.Set<IConnectionItemsFeature>(connection);
        return context;
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

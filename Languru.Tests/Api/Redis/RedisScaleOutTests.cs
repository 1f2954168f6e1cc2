using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Languru.Tests.Api.Limits;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Api.Redis;

/// <summary>
/// Several gateway instances (real Kestrel, or real processes where a kill must be real) sharing one real Redis:
/// exact limits across instances, stored responses on any instance, and what an outage does.
/// </summary>
[TestFixture]
public sealed class RedisScaleOutTests
{
    private const string Key = "sk-scale-out-test-key";

    private RedisServer _redis = null!;
    private string _prefix = null!;

    [OneTimeSetUp]
    public async Task StartRedis() => _redis = await RedisServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopRedis() => await _redis.DisposeAsync();

    [SetUp]
    public async Task IsolateTest()
    {
        // Each test writes under its own prefix; a test that stopped Redis gets it back.
        _prefix = $"t{Guid.NewGuid():N}:";
        if (!await IsUpAsync())
        {
            await _redis.StartAgainAsync();
        }
    }

    [Test]
    public async Task RequestsPerMinute_ConcurrentLoadOverThreeInstances_ExactlyTheLimitPasses()
    {
        // Arrange
        var gateways = Gateways(3, ("RequestsPerMinute", "10"));
        try
        {
            var clients = gateways.Select(g => Client(g.StartKestrel())).ToArray();

            // Act: 30 requests at once, spread over the instances
            var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => clients[i % 3].PostAsync("v1/chat/completions", Chat())));

            // Assert
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(10));
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests), Is.EqualTo(20));
        }
        finally
        {
            await DisposeAllAsync(gateways);
        }
    }

    [Test]
    public async Task TokensPerMinute_ConcurrentStreamsOverThreeInstances_ExactlyWhatFitsPasses()
    {
        // Arrange: each request is estimated at ceil(11 / 4) + 4 + 300 = 307 tokens, so 3 fit in 1,000; the streams
        // are held open, so no usage correction happens before every request was decided.
        var gate = new GatedChatClient();
        var gateways = Gateways(3, ("TokensPerMinute", "1000"));
        foreach (var gateway in gateways)
        {
            gateway.WithProvider("gated", gate, "gated");
        }

        try
        {
            var clients = gateways.Select(g => Client(g.StartKestrel())).ToArray();

            // Act
            var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => clients[i % 3].SendAsync(
                new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = Chat("gated", maxTokens: 300, stream: true) },
                HttpCompletionOption.ResponseHeadersRead)));
            gate.Release();
            foreach (var response in responses)
            {
                await response.Content.ReadAsStringAsync();
            }

            // Assert
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(3));
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests), Is.EqualTo(9));
        }
        finally
        {
            await DisposeAllAsync(gateways);
        }
    }

    [Test]
    public async Task TokensPerMinute_UsageReportedOnOneInstance_IsWhatTheOtherSees()
    {
        // Arrange
        var gateways = Gateways(2, ("TokensPerMinute", "1000"));
        try
        {
            var a = Client(gateways[0].StartKestrel());
            var b = Client(gateways[1].StartKestrel());

            // Act: the first request is estimated at 307 tokens and corrected to its reported usage when it ends
            var first = await a.PostAsync("v1/chat/completions", Chat(maxTokens: 300));
            using var usage = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
            var used = usage.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt32();
            var second = await b.PostAsync("v1/chat/completions", Chat(maxTokens: 300));

            // Assert: B saw A's real usage, not its estimate, and charged its own estimate on top
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Header(first, "x-ratelimit-remaining-tokens"), Is.EqualTo("693"));
            Assert.That(Header(second, "x-ratelimit-remaining-tokens"), Is.EqualTo((1000 - used - 307).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        finally
        {
            await DisposeAllAsync(gateways);
        }
    }

    [Test]
    public async Task PreviousResponseId_CreatedOnOneInstance_ContinuesAndReadsOnAnother()
    {
        // Arrange
        var gateways = Gateways(2);
        try
        {
            var a = Client(gateways[0].StartKestrel());
            var b = Client(gateways[1].StartKestrel());

            // Act
            var created = await a.PostAsync("v1/responses", Json("""{"model":"default","input":"My name is Ada"}"""));
            var id = await IdOf(created);
            var continued = await b.PostAsync("v1/responses", Json($$"""{"model":"default","input":"What is my name","previous_response_id":"{{id}}"}"""));
            var secondId = await IdOf(continued);
            var items = await a.GetAsync($"v1/responses/{secondId}/input_items");
            var readOnB = await b.GetAsync($"v1/responses/{id}");

            // Assert: B found A's response and its input became the history; A reads what B stored
            Assert.That(continued.StatusCode, Is.EqualTo(HttpStatusCode.OK), await continued.Content.ReadAsStringAsync());
            Assert.That(items.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await items.Content.ReadAsStringAsync(), Does.Contain("My name is Ada").And.Contain("What is my name"));
            Assert.That(readOnB.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            await DisposeAllAsync(gateways);
        }
    }

    [Test]
    public async Task StoredResponse_AnotherKeysId_IsNotFoundOnAnyInstance()
    {
        // Arrange
        var gateways = Gateways(2);
        foreach (var gateway in gateways)
        {
            gateway.With("Languru:Keys:other:Key", "sk-another-key-of-the-test");
        }

        try
        {
            var a = Client(gateways[0].StartKestrel());
            var other = Client(gateways[1].StartKestrel(), "sk-another-key-of-the-test");
            var id = await IdOf(await a.PostAsync("v1/responses", Json("""{"model":"default","input":"secret plans"}""")));

            // Act
            var read = await other.GetAsync($"v1/responses/{id}");

            // Assert
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
        finally
        {
            await DisposeAllAsync(gateways);
        }
    }

    [Test]
    public async Task RedisStopped_FailOpen_ServesCountingPerInstanceAndRecovers()
    {
        // Arrange
        var gateways = Gateways(2, ("RequestsPerMinute", "2"));
        try
        {
            var a = Client(gateways[0].StartKestrel());
            var b = Client(gateways[1].StartKestrel());
            var stored = await IdOf(await a.PostAsync("v1/responses", Json("""{"model":"default","input":"Hello"}""")));

            // Act
            await _redis.StopAsync();
            var duringOutage = new[]
            {
                await a.PostAsync("v1/chat/completions", Chat()), await a.PostAsync("v1/chat/completions", Chat()),
                await a.PostAsync("v1/chat/completions", Chat()), await b.PostAsync("v1/chat/completions", Chat()),
            };
            var read = await b.GetAsync($"v1/responses/{stored}");
            var readError = await read.Content.ReadAsStringAsync();
            var ready = await b.GetAsync("health/ready");
            var readyText = await ready.Content.ReadAsStringAsync();
            await _redis.StartAgainAsync();
            var recovered = await PollAsync(() => b.PostAsync("v1/chat/completions", Chat()), r => r.StatusCode == HttpStatusCode.OK && Header(r, "x-ratelimit-remaining-requests") == "1");

            // Assert: each instance counted alone (A's third request was refused by A, B's first let in by B)
            Assert.That(duringOutage.Select(r => r.StatusCode), Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK }));
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(readError, Does.Contain("\"code\":\"state_unavailable\""));
            Assert.That(readyText, Does.Contain("Degraded"));
            Assert.That(recovered, Is.True, "B never counted in Redis again after it came back");
        }
        finally
        {
            await DisposeAllAsync(gateways);
        }
    }

    [Test]
    public async Task RedisStopped_FailClosed_RefusesLimitedRequestsWith503()
    {
        // Arrange
        var gateways = Gateways(1, ("RequestsPerMinute", "100"));
        gateways[0].With("Languru:Redis:FailClosed", "true");
        try
        {
            var client = Client(gateways[0].StartKestrel());
            var before = await client.PostAsync("v1/chat/completions", Chat());

            // Act
            await _redis.StopAsync();
            var during = await client.PostAsync("v1/chat/completions", Chat());
            var error = await during.Content.ReadAsStringAsync();

            // Assert
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(during.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(error, Does.Contain("\"code\":\"state_unavailable\"").And.Contain("Redis"));
            Assert.That(during.Headers.RetryAfter, Is.Not.Null);
        }
        finally
        {
            await DisposeAllAsync(gateways);
        }
    }

    [Test]
    public async Task ConcurrencySlot_InstanceKilledWhileHoldingIt_IsFreedWithinTheLeaseTime()
    {
        // Arrange: two real gateway processes; A holds the key's only slot with a slow answer
        string[] settings =
        [
            $"--Languru:Redis:Configuration={_redis.Configuration}", $"--Languru:Redis:KeyPrefix={_prefix}", "--Languru:Redis:LeaseTime=00:00:05",
            $"--Languru:Keys:team:Key={Key}", "--Languru:Keys:team:MaxConcurrentRequests=1",
            "--Languru:Providers:echo:DeltaDelay=00:00:30", "--Languru:Providers:fast:Type=echo", "--Languru:Providers:fast:Models:0=fast",
        ];
        await using var a = await GatewayProcess.StartAsync(settings);
        await using var b = await GatewayProcess.StartAsync(settings);
        using var clientA = Client(a.BaseAddress);
        using var clientB = Client(b.BaseAddress);
        var held = clientA.PostAsync("v1/chat/completions", Chat("echo"));
        var refused = await PollAsync(
            () =>
            {
                // A probe of B's may have held the slot just when A asked for it: then A was refused, so ask again.
                if (held.IsCompleted)
                {
                    held = clientA.PostAsync("v1/chat/completions", Chat("echo"));
                }

                return clientB.PostAsync("v1/chat/completions", Chat("fast"));
            },
            r => r.StatusCode == HttpStatusCode.TooManyRequests);

        Assert.That(refused, Is.True, $"B never saw the slot held by A.\nA:\n{a.Output}\nB:\n{b.Output}");
        Assert.That(held.IsCompleted, Is.False, "A's slow request should still hold the slot");

        // Act: SIGKILL, so A gets no chance to give its slot back
        await a.SignalAsync("KILL");
        await a.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var freed = await PollAsync(() => clientB.PostAsync("v1/chat/completions", Chat("fast")), r => r.StatusCode == HttpStatusCode.OK);

        // Assert
        Assert.That(freed, Is.True, "the dead instance's slot was never freed");
        Assert.That(async () => await held, Throws.InstanceOf<HttpRequestException>());
    }

    private static async Task<bool> PollAsync(Func<Task<HttpResponseMessage>> send, Func<HttpResponseMessage, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await send();
            if (done(response))
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    private async Task<bool> IsUpAsync()
    {
        try
        {
            await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"{_redis.Configuration},connectTimeout=500");
            return connection.IsConnected;
        }
        catch (StackExchange.Redis.RedisConnectionException)
        {
            return false;
        }
    }

    private LanguruFactory[] Gateways(int count, params (string Setting, string Value)[] limits) =>
    [
        .. Enumerable.Range(0, count).Select(_ =>
        {
            var factory = new LanguruFactory()
                .With("Languru:Redis:Configuration", _redis.Configuration)
                .With("Languru:Redis:KeyPrefix", _prefix)
                .With("Languru:Keys:team:Key", Key);
            foreach (var (setting, value) in limits)
            {
                factory.With($"Languru:Keys:team:{setting}", value);
            }

            return factory;
        }),
    ];

    private static async Task DisposeAllAsync(IEnumerable<LanguruFactory> gateways)
    {
        foreach (var gateway in gateways)
        {
            await gateway.DisposeAsync();
        }
    }

    private static HttpClient Client(Uri baseAddress, string key = Key) =>
        new() { BaseAddress = baseAddress, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) } };

    private static StringContent Chat(string model = "default", int? maxTokens = null, bool stream = false) => Json(
        $$"""{"model":"{{model}}","messages":[{"role":"user","content":"Hello there"}]{{(maxTokens is null ? "" : $",\"max_tokens\":{maxTokens}")}},"stream":{{(stream ? "true" : "false")}}}""");

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task<string> IdOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "(none)";
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Api;

/// <summary>
/// Generated hostile bodies (<see cref="HostileBodies"/>): every answer is a 2xx, or a 4xx with the full OpenAI
/// envelope; never a 5xx, never a hang; and the gateway stays healthy. The seed is fixed so that a failure can be
/// replayed; set <c>LANGURU_HOSTILE_SEED</c> to explore others.
/// </summary>
public class HostileBodiesTests
{
    private const int Count = 400;

    [Test]
    public async Task GeneratedHostileBodies_GetA2xxOrA4xxWithTheEnvelope_NeverA5xxOrAHang()
    {
        // Arrange
        var seed = int.TryParse(Environment.GetEnvironmentVariable("LANGURU_HOSTILE_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261201;
        var bodies = new HostileBodies(seed);
        await using var factory = new LanguruFactory();
        using var client = factory.CreateClient();
        var statuses = new SortedDictionary<int, int>();

        for (var i = 0; i < Count; i++)
        {
            var (body, what) = bodies.Next();
            var context = $"seed {seed}, body #{i} ({what}): {(body.Length > 1500 ? body[..1500] + "…" : body)}";

            // Act
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            int status;
            string answer;
            try
            {
                using var response = await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), timeout.Token);
                status = (int)response.StatusCode;
                answer = await response.Content.ReadAsStringAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No answer within 10 s: {context}");
                return;
            }

            // Assert
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.That(status, Is.InRange(200, 499), $"{answer}\n{context}");
            if (status >= 400)
            {
                AssertEnvelope(answer, context);
            }
            else
            {
                AssertCompleteAnswer(answer, context);
            }
        }

        TestContext.Out.WriteLine($"seed {seed}: " + string.Join(", ", statuses.Select(p => $"{p.Key}×{p.Value}")));
        Assert.That(statuses.Keys, Has.Some.InRange(200, 299).And.Some.EqualTo(400), "the generator reaches both sides of the validator");
        Assert.That(await client.GetStringAsync("/health"), Is.EqualTo("Healthy"));
        var ok = await client.PostAsync("/v1/chat/completions", new StringContent("""{"model":"echo","prompt":"still fine"}""", Encoding.UTF8, "application/json"));
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the gateway still serves");
    }

    private static void AssertEnvelope(string answer, string context)
    {
        using var json = JsonDocument.Parse(answer);
        var error = json.RootElement.GetProperty("error");
        Assert.That(error.GetProperty("message").ValueKind, Is.EqualTo(JsonValueKind.String), context);
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"), context);
        Assert.That(error.GetProperty("param").ValueKind, Is.AnyOf(JsonValueKind.String, JsonValueKind.Null), context);
        Assert.That(error.GetProperty("code").ValueKind, Is.AnyOf(JsonValueKind.String, JsonValueKind.Null), context);
    }

    private static void AssertCompleteAnswer(string answer, string context)
    {
        if (answer.StartsWith("data: ", StringComparison.Ordinal))
        {
            Assert.That(ServerSentEvents.Data(answer)[^1], Is.EqualTo("[DONE]"), context);
        }
        else
        {
            using var json = JsonDocument.Parse(answer);
            Assert.That(json.RootElement.GetProperty("object").GetString(), Is.EqualTo("chat.completion"), context);
        }
    }
}

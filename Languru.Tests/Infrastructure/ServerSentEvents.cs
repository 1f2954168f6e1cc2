using System.Text.Json;

namespace Languru.Tests.Infrastructure;

/// <summary>Splits an SSE body into its <c>data:</c> payloads, checking the framing on the way.</summary>
public static class ServerSentEvents
{
    public static IReadOnlyList<string> Data(string body)
    {
        Assert.That(body, Does.EndWith("\n\n"), "every event ends with a blank line");
        var events = body[..^2].Split("\n\n");
        foreach (var e in events)
        {
            Assert.That(e, Does.StartWith("data: ").And.Not.Contain("\n"), "one data line per event, no event names");
        }

        return [.. events.Select(e => e["data: ".Length..])];
    }

    /// <summary>The JSON events, without the final <c>[DONE]</c> (which must be there).</summary>
    public static IReadOnlyList<JsonElement> Chunks(string body)
    {
        var data = Data(body);
        Assert.That(data[^1], Is.EqualTo("[DONE]"));
        return [.. data.Take(data.Count - 1).Select(d => JsonDocument.Parse(d).RootElement.Clone())];
    }
}

using System.Text.Json;

namespace Languru.Tests.Infrastructure;

/// <summary>
/// Splits a streamed response (Responses API) into its events, checking the stream rules on the way: every event is
/// <c>event: {type}</c> then one <c>data:</c> line; sequence numbers count up from 0; the stream starts with
/// <c>response.created</c> and ends with exactly one terminal event; every event matches OpenAI's schema.
/// </summary>
public static class ResponseEvents
{
    public static readonly string[] Terminals = ["response.completed", "response.incomplete", "response.failed"];

    public static IReadOnlyList<JsonElement> Parse(string body)
    {
        Assert.That(body, Does.EndWith("\n\n"), "every event ends with a blank line");
        var events = new List<JsonElement>();
        foreach (var frame in body[..^2].Split("\n\n"))
        {
            var lines = frame.Split('\n');
            Assert.That(lines, Has.Length.EqualTo(2), $"an event line and one data line: {frame}");
            Assert.That(lines[0], Does.StartWith("event: "));
            Assert.That(lines[1], Does.StartWith("data: "));
            var data = JsonDocument.Parse(lines[1]["data: ".Length..]).RootElement.Clone();
            Assert.That(data.GetProperty("type").GetString(), Is.EqualTo(lines[0]["event: ".Length..]), "the event name is the data's type");
            Assert.That(data.GetProperty("sequence_number").GetInt32(), Is.EqualTo(events.Count), "sequence numbers count up from 0");
            OpenAISchemas.AssertValid("ResponseStreamEvent", lines[1]["data: ".Length..]);
            events.Add(data);
        }

        Assert.That(events[0].GetProperty("type").GetString(), Is.EqualTo("response.created"));
        Assert.That(events.Count(e => Terminals.Contains(e.GetProperty("type").GetString())), Is.EqualTo(1), "exactly one terminal event");
        Assert.That(Terminals, Does.Contain(events[^1].GetProperty("type").GetString()), "the terminal event is the last");
        return events;
    }

    public static IReadOnlyList<string?> Types(IReadOnlyList<JsonElement> events) => [.. events.Select(e => e.GetProperty("type").GetString())];

    /// <summary>The response of the terminal event.</summary>
    public static JsonElement Final(IReadOnlyList<JsonElement> events) => events[^1].GetProperty("response");
}

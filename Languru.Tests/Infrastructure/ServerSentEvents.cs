using System.Text;
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

    /// <summary>
    /// Posts a streaming chat request and reads the answer line by line as it arrives, handing each line to
    /// <paramref name="onLine"/> at once. A stream that stalls for 30 seconds fails the test instead of hanging it.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReadLinesAsync(HttpClient client, string json, Action<string> onLine)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, guard.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(guard.Token));
        var lines = new List<string>();
        try
        {
            while (await reader.ReadLineAsync(guard.Token) is { } line)
            {
                lines.Add(line);
                onLine(line);
            }
        }
        catch (OperationCanceledException) when (guard.IsCancellationRequested)
        {
            Assert.Fail($"The stream stalled for 30 s after these lines:\n{string.Join("\n", lines)}");
        }

        return lines;
    }
}

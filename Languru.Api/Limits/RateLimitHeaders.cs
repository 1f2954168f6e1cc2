using System.Globalization;

namespace Languru.Api.Limits;

/// <summary>
/// OpenAI's rate-limit headers: <c>x-ratelimit-limit-requests</c>, <c>x-ratelimit-remaining-requests</c>,
/// <c>x-ratelimit-reset-requests</c> and the same three for <c>-tokens</c>; a trio is sent when its limit is set.
/// Resets are durations as OpenAI writes them (<c>20ms</c>, <c>17.5s</c>, <c>1m0s</c>).
/// </summary>
internal static class RateLimitHeaders
{
    public const string Requests = "requests";
    public const string Tokens = "tokens";

    /// <summary>Every header name, for CORS to expose.</summary>
    public static readonly string[] Names =
    [
        "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests",
        "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens",
    ];

    /// <summary>The headers for the windows, computed now and set when the response starts (after any error handling).</summary>
    public static void Set(HttpResponse response, IReadOnlyList<WindowState> windows, DateTimeOffset now)
    {
        if (windows.Count == 0)
        {
            return;
        }

        // Names and values side by side: three headers per window, computed once here, written by one callback.
        var headers = new string[windows.Count * 6];
        for (var i = 0; i < windows.Count; i++)
        {
            var w = windows[i];
            var at = i * 6;
            (headers[at], headers[at + 2], headers[at + 4]) = w.Counter switch
            {
                Requests => (Names[0], Names[1], Names[2]),
                Tokens => (Names[3], Names[4], Names[5]),
                _ => ($"x-ratelimit-limit-{w.Counter}", $"x-ratelimit-remaining-{w.Counter}", $"x-ratelimit-reset-{w.Counter}"),
            };
            headers[at + 1] = w.Limit.ToString(CultureInfo.InvariantCulture);
            headers[at + 3] = w.Remaining.ToString(CultureInfo.InvariantCulture);
            headers[at + 5] = Duration(w.ResetsAt - now);
        }

        response.OnStarting(
            static state =>
            {
                var (response, headers) = ((HttpResponse, string[]))state;
                for (var i = 0; i < headers.Length; i += 2)
                {
                    response.Headers[headers[i]] = headers[i + 1];
                }

                return Task.CompletedTask;
            },
            (response, headers));
    }

    /// <summary>A duration as Go (and so OpenAI) prints it: <c>450ms</c>, <c>17.5s</c>, <c>1m0s</c>.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(long)Math.Ceiling(duration.TotalMilliseconds)}ms");
        }

        var seconds = Math.Round(duration.TotalSeconds % 60, 3).ToString("0.###", CultureInfo.InvariantCulture);
        var minutes = (long)duration.TotalMinutes;
        return minutes == 0
            ? $"{seconds}s"
            : string.Create(CultureInfo.InvariantCulture, $"{minutes}m{seconds}s");
    }
}

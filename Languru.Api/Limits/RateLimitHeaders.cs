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

        var headers = windows
            .SelectMany(w => new[]
            {
                ($"x-ratelimit-limit-{w.Counter}", w.Limit.ToString(CultureInfo.InvariantCulture)),
                ($"x-ratelimit-remaining-{w.Counter}", w.Remaining.ToString(CultureInfo.InvariantCulture)),
                ($"x-ratelimit-reset-{w.Counter}", Duration(w.ResetsAt - now)),
            })
            .ToArray();
        response.OnStarting(() =>
        {
            foreach (var (name, value) in headers)
            {
                response.Headers[name] = value;
            }

            return Task.CompletedTask;
        });
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

using System.Collections.Concurrent;
using System.Globalization;
using Languru.Api.Access;
using Languru.Api.Errors;
using Microsoft.Extensions.Options;

namespace Languru.Api.Limits;

/// <summary>
/// Lets a request in or answers 429: charges its cost to the caller's minute windows (requests, tokens), then takes
/// a concurrency slot, all in <see cref="IRateLimitCounters"/>. The caller is the API key (partition
/// <c>key:&lt;name&gt;</c>) or, in open mode with <c>Languru:Limits:Anonymous</c> set, the client IP (<c>ip:&lt;address&gt;</c>).
/// </summary>
internal sealed class RateLimitGate(
    IRateLimitCounters counters,
    ApiKeyTable keys,
    IOptions<LimitsOptions> options,
    TimeProvider time,
    ILogger<RateLimitGate> logger)
{
    /// <summary>The length of every rate-limit window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>What a concurrency refusal asks the client to wait: slots free when other requests end.</summary>
    private static readonly TimeSpan ConcurrencyRetryAfter = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, string> _keyPartitions = new(StringComparer.Ordinal);

    /// <returns>Null when the request may go on; otherwise the 429 to answer.</returns>
    public async ValueTask<ApiError?> AdmitAsync(HttpContext context, RequestCost cost, CancellationToken cancellationToken)
    {
        var (partition, keyName, limits) = Caller(context);
        if (limits is null || limits.IsUnlimited)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var charges = new List<WindowCharge>(2);
        if (limits.RequestsPerMinute is { } requests)
        {
            charges.Add(new WindowCharge(RateLimitHeaders.Requests, requests, cost.Requests, Window));
        }

        if (limits.TokensPerMinute is { } tokens)
        {
            charges.Add(new WindowCharge(RateLimitHeaders.Tokens, tokens, cost.Tokens, Window));
        }

        IReadOnlyList<WindowState> windows = [];
        if (charges.Count > 0)
        {
            var decision = await counters.TryAcquireAsync(partition, charges, now, cancellationToken);
            windows = decision.Windows;
            if (!decision.IsAllowed)
            {
                RateLimitHeaders.Set(context.Response, windows, now);
                return WindowExceeded(Describe(partition, keyName), decision, charges, now);
            }
        }

        var slot = limits.MaxConcurrentRequests is { } concurrent
            ? await counters.TryAcquireSlotAsync(partition, concurrent, now, cancellationToken)
            : null;
        if (slot is { IsAcquired: false })
        {
            // Not let in after all: give the charges back, and say so in the headers.
            slot.Dispose();
            await RefundAsync(partition, charges, now, cancellationToken);
            RateLimitHeaders.Set(context.Response, [.. windows.Select((w, i) => w with { Remaining = Math.Min(w.Limit, w.Remaining + charges[i].Cost) })], now);
            return RateLimited($"Too many concurrent requests for {Describe(partition, keyName)}: at most {limits.MaxConcurrentRequests} at a time.", ConcurrencyRetryAfter);
        }

        RateLimitHeaders.Set(context.Response, windows, now);
        var admission = new RateLimitAdmission(counters, time, logger, partition, slot, limits.TokensPerMinute is null ? null : cost.Tokens, now, context.Response);
        context.Features.Set(admission);
        context.Response.RegisterForDisposeAsync(admission);
        return null;
    }

    /// <summary>The caller's partition, its key's name (null for a client IP), and its limits.</summary>
    private (string Partition, string? KeyName, RateLimitOptions? Limits) Caller(HttpContext context)
    {
        if (context.GetApiKeyName() is { } name)
        {
            // Key names are configured, so the cache holds one partition name per key at most.
            return (_keyPartitions.GetOrAdd(name, static n => $"key:{n}"), name, keys.Get(name)?.Limits);
        }

        if (!keys.IsOpen || options.Value.Anonymous is not { IsUnlimited: false } anonymous)
        {
            return ("", null, null);
        }

        return ($"ip:{context.Connection.RemoteIpAddress?.ToString() ?? "local"}", null, anonymous);
    }

    /// <summary>The caller as a refusal names it: only computed for a refusal.</summary>
    private static string Describe(string partition, string? keyName) =>
        keyName is not null ? $"the API key '{keyName}'" : $"the client {partition["ip:".Length..]}";

    private async ValueTask RefundAsync(string partition, List<WindowCharge> charges, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var charge in charges.Where(c => c.Cost > 0))
        {
            await counters.AdjustAsync(partition, charge.Counter, charge.Window, -charge.Cost, now, now, cancellationToken);
        }
    }

    private static ApiError WindowExceeded(string caller, RateLimitDecision decision, List<WindowCharge> charges, DateTimeOffset now)
    {
        var full = decision.Windows.Where(w => !w.HasRoom).ToList();
        var reasons = string.Join("; ", full.Select(w =>
        {
            var requested = charges.First(c => c.Counter == w.Counter).Cost;
            var what = w.Counter == RateLimitHeaders.Requests ? "requests per minute" : "tokens per minute";
            return requested > w.Limit
                ? string.Create(CultureInfo.InvariantCulture, $"{what}: limit {w.Limit}, this request alone needs about {requested}")
                : string.Create(CultureInfo.InvariantCulture, $"{what}: limit {w.Limit}, remaining {w.Remaining}, requested {requested}");
        }));
        var retryAfter = full.Max(w => w.ResetsAt) - now;
        return RateLimited(
            string.Create(CultureInfo.InvariantCulture, $"Rate limit reached for {caller} on {reasons}. Try again in {Math.Ceiling(retryAfter.TotalSeconds)}s."),
            retryAfter);
    }

    private static ApiError RateLimited(string message, TimeSpan retryAfter) => new(
        StatusCodes.Status429TooManyRequests,
        new() { Message = message, Type = ErrorTypes.RateLimit, Code = "rate_limit_exceeded" },
        retryAfter);
}

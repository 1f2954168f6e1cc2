using System.Threading.RateLimiting;
using Microsoft.Extensions.AI;

namespace Languru.Api.Limits;

/// <summary>
/// A request let in by the rate limits. It corrects the token estimate as soon as a provider reports usage
/// (<see cref="ReportAsync"/>: the first report replaces the estimate, later ones, from other choices, add to it), so a
/// stream is corrected before its last event reaches the client. It holds the concurrency slot until the request ends
/// (a stream: until it ends or is cancelled). Kept in the request's features; disposed by the request's end.
/// </summary>
internal sealed partial class RateLimitAdmission(
    IRateLimitCounters counters,
    TimeProvider time,
    ILogger logger,
    string partition,
    RateLimitLease? slot,
    long? estimatedTokens,
    DateTimeOffset chargedAt,
    HttpResponse response) : IAsyncDisposable
{
    private long _outstandingEstimate = estimatedTokens ?? 0;
    private int _reports;

    /// <summary>Charges the usage of one provider call in place of what is left of the estimate.</summary>
    public async ValueTask ReportAsync(UsageDetails usage, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reports);
        if (estimatedTokens is null)
        {
            return;
        }

        var used = usage.TotalTokenCount ?? ((usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0));
        await CorrectAsync(used - Interlocked.Exchange(ref _outstandingEstimate, 0), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // No usage at all: an error before the provider answered consumed nothing; anything else keeps the estimate.
            if (Volatile.Read(ref _reports) == 0 && response.StatusCode >= StatusCodes.Status400BadRequest)
            {
                await CorrectAsync(-Interlocked.Exchange(ref _outstandingEstimate, 0), CancellationToken.None);
            }
        }
        finally
        {
            slot?.Dispose();
        }
    }

    private async ValueTask CorrectAsync(long amount, CancellationToken cancellationToken)
    {
        if (amount == 0)
        {
            return;
        }

        try
        {
            await counters.AdjustAsync(partition, RateLimitHeaders.Tokens, RateLimitGate.Window, amount, chargedAt, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A correction that fails leaves the estimate charged: the limit stays safe; the request goes on.
            LogCorrectionFailed(logger, partition, ex);
        }
    }

    [LoggerMessage(EventId = 311, EventName = "TokenCorrectionFailed", Level = LogLevel.Warning,
        Message = "Could not correct the token estimate of {Partition} with the reported usage.")]
    private static partial void LogCorrectionFailed(ILogger logger, string partition, Exception exception);
}

using Microsoft.Extensions.Options;

namespace Languru.Api.Shutdown;

/// <summary>
/// The orderly stop. When a stop is asked for, <c>/health/ready</c> turns 503 at once (see
/// <see cref="Health.StoppingHealthCheck"/>); this service then holds the host for <see cref="ShutdownOptions.DrainDelay"/>
/// while requests are still served, and lets the host stop the listener. Work in flight gets
/// <c>shutdownTimeoutSeconds</c> more; when that is up, <see cref="Deadline"/> is cancelled, so that streams still open
/// end with a <c>server_shutting_down</c> event and whole answers with a 503, within <see cref="FinalWordGrace"/> and
/// before the host aborts the connections. The host's own shutdown timeout is raised to cover all three.
/// </summary>
internal sealed partial class GracefulShutdown(
    IOptions<ShutdownOptions> options,
    IOptions<HostOptions> hostOptions,
    ILogger<GracefulShutdown> logger) : IHostedLifecycleService, IDisposable
{
    /// <summary>The time left, after <see cref="Deadline"/>, to send the last event before connections are aborted.</summary>
    public static readonly TimeSpan FinalWordGrace = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _deadline = new();
    private int _stopping;

    /// <summary>Cancelled when the work in flight has had its time: what is still running must end now.</summary>
    public CancellationToken Deadline => _deadline.Token;

    /// <summary>The host's shutdown timeout that covers the drain, <c>shutdownTimeoutSeconds</c> and the final word.</summary>
    public static TimeSpan HostTimeout(TimeSpan shutdownTimeout, TimeSpan drainDelay) =>
        shutdownTimeout == Timeout.InfiniteTimeSpan ? shutdownTimeout : shutdownTimeout + drainDelay + FinalWordGrace;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            return; // a host stopped twice (as test hosts are) drains once
        }

        var drain = options.Value.DrainDelay;
        if (drain > TimeSpan.Zero)
        {
            LogDraining(logger, drain.TotalSeconds);
            await Task.Delay(drain, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var total = hostOptions.Value.ShutdownTimeout;
        if (total != Timeout.InfiniteTimeSpan)
        {
            var work = total - drain - FinalWordGrace;
            LogClosing(logger, work.TotalSeconds);
            _deadline.CancelAfter(work > TimeSpan.Zero ? work : TimeSpan.Zero);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _deadline.Dispose();

    [LoggerMessage(EventId = 700, EventName = "ShutdownDraining", Level = LogLevel.Information,
        Message = "Stopping: not ready; still serving for the drain delay of {Seconds} s.")]
    private static partial void LogDraining(ILogger logger, double seconds);

    [LoggerMessage(EventId = 701, EventName = "ShutdownClosing", Level = LogLevel.Information,
        Message = "Stopping: closing the listener; requests in flight have {Seconds} s to finish.")]
    private static partial void LogClosing(ILogger logger, double seconds);
}

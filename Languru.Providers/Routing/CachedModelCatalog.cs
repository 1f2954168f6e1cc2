using Microsoft.Extensions.Logging;

namespace Languru.Providers.Routing;

/// <summary>
/// A provider's upstream model list, cached. An unreachable upstream keeps the last list it gave (or none), is asked
/// again after at most a minute, and is logged once per outage, not once per listing. Providers supply the fetch
/// and a safe description of failures (never quoting secrets).
/// </summary>
public sealed partial class CachedModelCatalog : IModelCatalog, IProviderProbe, IDisposable
{
    private static readonly TimeSpan ListingTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    /// <summary>How old a list a readiness probe accepts: probes ask the upstream at most this often.</summary>
    private static readonly TimeSpan ProbeMaxAge = TimeSpan.FromSeconds(30);

    private readonly string _provider;
    private readonly Func<CancellationToken, Task<IReadOnlyList<ModelDescriptor>>> _fetch;
    private readonly Func<Exception, string> _describeFailure;
    private readonly TimeSpan _cacheDuration;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private IReadOnlyList<ModelDescriptor> _models = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _expires = DateTimeOffset.MinValue;
    private bool _failing;
    private string? _failure;

    /// <summary>Creates the catalog.</summary>
    /// <param name="provider">The provider's name (for logs).</param>
    /// <param name="fetch">Fetches the upstream's list.</param>
    /// <param name="describeFailure">Describes a failed fetch for the log, without secrets.</param>
    /// <param name="cacheDuration">How long a list is kept.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public CachedModelCatalog(
        string provider,
        Func<CancellationToken, Task<IReadOnlyList<ModelDescriptor>>> fetch,
        Func<Exception, string> describeFailure,
        TimeSpan cacheDuration,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _provider = provider;
        _fetch = fetch;
        _describeFailure = describeFailure;
        _cacheDuration = cacheDuration;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ModelDescriptor>> ListModelsAsync(CancellationToken cancellationToken) =>
        _timeProvider.GetUtcNow() < _expires ? ValueTask.FromResult(_models) : RefreshAsync(DateTimeOffset.MaxValue, cancellationToken);

    /// <summary>Fetches the list again unless it was fetched within <paramref name="age"/> (for refresh-on-miss).</summary>
    /// <param name="age">How recent a list is recent enough.</param>
    /// <param name="cancellationToken">Cancels the refresh.</param>
    /// <returns>The models.</returns>
    public ValueTask<IReadOnlyList<ModelDescriptor>> RefreshIfOlderThanAsync(TimeSpan age, CancellationToken cancellationToken) =>
        RefreshAsync(_timeProvider.GetUtcNow() - age, cancellationToken);

    /// <summary>Reachable when the last listing (at most 30 seconds old, else fetched now) succeeded.</summary>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>The result, naming the failure when there is one.</returns>
    public async ValueTask<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var models = await RefreshIfOlderThanAsync(ProbeMaxAge, cancellationToken);
        return _failing
            ? new ProbeResult(false, _failure ?? "listing its models failed")
            : new ProbeResult(true, $"lists {models.Count} models");
    }

    /// <inheritdoc />
    public void Dispose() => _refresh.Dispose();

    private async ValueTask<IReadOnlyList<ModelDescriptor>> RefreshAsync(DateTimeOffset fetchedBefore, CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have refreshed while this one waited.
            if (_fetchedAt < fetchedBefore && (fetchedBefore != DateTimeOffset.MaxValue || _timeProvider.GetUtcNow() >= _expires))
            {
                await FetchAsync(cancellationToken);
            }

            return _models;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task FetchAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ListingTimeout);
        var now = _timeProvider.GetUtcNow();
        try
        {
            _models = await _fetch(timeout.Token);
            _fetchedAt = now;
            _expires = now + _cacheDuration;
            if (_failing)
            {
                _failing = false;
                LogListingRecovered(_logger, _provider);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _fetchedAt = now;
            _expires = now + (_cacheDuration < RetryAfterFailure ? _cacheDuration : RetryAfterFailure);
            var failure = _describeFailure(ex);
            _failure = failure;
            if (!_failing)
            {
                _failing = true;
                LogListingFailed(_logger, _provider, failure);
            }
        }
    }

    [LoggerMessage(EventId = 300, EventName = "UpstreamModelListFailed", Level = LogLevel.Warning,
        Message = "Listing the models of upstream {Provider} failed; /v1/models goes on without them until it answers again: {Reason}")]
    private static partial void LogListingFailed(ILogger logger, string provider, string reason);

    [LoggerMessage(EventId = 301, EventName = "UpstreamModelListRecovered", Level = LogLevel.Information,
        Message = "Listing the models of upstream {Provider} works again.")]
    private static partial void LogListingRecovered(ILogger logger, string provider);
}

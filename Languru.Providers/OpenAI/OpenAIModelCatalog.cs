using Languru.Providers.Chat;
using Languru.Providers.Routing;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace Languru.Providers.OpenAI;

/// <summary>
/// The upstream's <c>GET /models</c>, cached for <see cref="OpenAIProviderOptions.ModelListCacheDuration"/>. An
/// unreachable upstream keeps the last list it gave (or none), is asked again after at most a minute, and is logged
/// once per outage, not once per listing.
/// </summary>
internal sealed partial class OpenAIModelCatalog(
    string provider,
    OpenAIClient client,
    OpenAIProviderOptions options,
    string? secret,
    TimeProvider timeProvider,
    ILogger<OpenAIModelCatalog> logger) : IModelCatalog, IDisposable
{
    private static readonly TimeSpan ListingTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private IReadOnlyList<ModelDescriptor> _models = [];
    private DateTimeOffset _expires = DateTimeOffset.MinValue;
    private bool _failing;

    public async ValueTask<IReadOnlyList<ModelDescriptor>> ListModelsAsync(CancellationToken cancellationToken)
    {
        if (timeProvider.GetUtcNow() < _expires)
        {
            return _models;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (timeProvider.GetUtcNow() >= _expires)
            {
                await RefreshAsync(cancellationToken);
            }

            return _models;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ListingTimeout);
        try
        {
            var listing = await client.GetOpenAIModelClient().GetModelsAsync(timeout.Token);
            _models = [.. listing.Value.Select(m => new ModelDescriptor(m.Id, provider, m.CreatedAt))];
            _expires = timeProvider.GetUtcNow() + options.ModelListCacheDuration;
            if (_failing)
            {
                _failing = false;
                LogListingRecovered(logger, provider);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _expires = timeProvider.GetUtcNow() + (options.ModelListCacheDuration < RetryAfterFailure ? options.ModelListCacheDuration : RetryAfterFailure);
            if (!_failing)
            {
                _failing = true;
                var reason = OpenAIErrors.Map(ex, new UpstreamCall(provider, client.Endpoint, "(listing)", options, secret), OpenAIErrors.Deadline.Total) is ChatProviderException mapped
                    ? mapped.Message
                    : ex.GetType().Name;
                LogListingFailed(logger, provider, reason);
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

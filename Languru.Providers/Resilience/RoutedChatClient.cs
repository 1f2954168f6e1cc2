using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Languru.Providers.Chat;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Languru.Providers.Resilience;

/// <summary>
/// The client of one request: tries the targets of its plan in order until one answers. A target that fails the way
/// an upstream fails (see <see cref="UpstreamFailures"/>) is retried as its provider allows (back-off with jitter,
/// honouring <c>Retry-After</c>, bounded in count and time), then the next target is tried. A request the upstream
/// refused as invalid is answered at once. A stream is switched only while its first update is awaited: once anything
/// was received (by any of the request's <c>n</c> streams), a failure ends the stream as it would without a route.
/// Failures and successes of route targets feed the <see cref="ICooldownStore"/>; what happened is kept in
/// <see cref="Outcome"/>.
/// </summary>
internal sealed partial class RoutedChatClient : IChatClient
{
    private readonly IReadOnlyList<PlannedTarget> _plan;
    private readonly ICooldownStore _cooldowns;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private volatile bool _streamStarted;

    public RoutedChatClient(IReadOnlyList<PlannedTarget> plan, RouteOutcome outcome, ICooldownStore cooldowns, TimeProvider timeProvider, ILogger logger)
    {
        if (plan.Count == 0)
        {
            throw new ArgumentException("A plan has at least one target.", nameof(plan));
        }

        _plan = plan;
        Outcome = outcome;
        _cooldowns = cooldowns;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public RouteOutcome Outcome { get; }

    public PlannedTarget First => _plan[0];

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await CallAsync((target, ct) => target.Provider.Client!.GetResponseAsync(messages, ForTarget(options, target), ct), cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        new RoutedUpdates(this, messages, options, cancellationToken);

    /// <summary>Runs any whole-answer call (chat, embeddings, …) with the plan's retries and fail-over.</summary>
    /// <typeparam name="T">The answer.</typeparam>
    /// <param name="call">The call to one target; the target's provider is configured.</param>
    /// <param name="cancellationToken">The client's cancellation.</param>
    /// <returns>The first answer.</returns>
    public async Task<T> CallAsync<T>(Func<PlannedTarget, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var (result, _) = await RunAsync(
            async (target, ct) =>
            {
                target.Balanced?.Load.Enter();
                try
                {
                    return await call(target, ct);
                }
                finally
                {
                    target.Balanced?.Load.Leave();
                }
            },
            cancellationToken);
        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : First.Provider.Client!.GetService(serviceType, serviceKey);
    }

    public void Dispose()
    {
        // The providers belong to the router.
    }

    private static ChatOptions ForTarget(ChatOptions? options, PlannedTarget target)
    {
        if (options?.ModelId == target.Model)
        {
            return options;
        }

        var copy = options?.Clone() ?? new ChatOptions();
        copy.ModelId = target.Model;
        return copy;
    }

    private static async Task<(IAsyncEnumerator<ChatResponseUpdate> Updates, bool HasFirst)> StartStreamAsync(
        PlannedTarget target, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        target.Balanced?.Load.Enter();
        var updates = target.Provider.Client!.GetStreamingResponseAsync(messages, ForTarget(options, target), cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            return (updates, await updates.MoveNextAsync());
        }
        catch
        {
            await updates.DisposeAsync();
            target.Balanced?.Load.Leave();
            throw;
        }
    }

    private async Task<(TResult Result, PlannedTarget Target)> RunAsync<TResult>(
        Func<PlannedTarget, CancellationToken, Task<TResult>> attempt, CancellationToken cancellationToken)
    {
        ChatProviderException? last = null;
        for (var i = 0; i < _plan.Count; i++)
        {
            var target = _plan[i];
            var started = _timeProvider.GetTimestamp();
            for (var retry = 1; ; retry++)
            {
                try
                {
                    var result = await attempt(target, cancellationToken);
                    await RecordSuccessAsync(target, cancellationToken);
                    return (result, target);
                }
                catch (ChatProviderException failure) when (!cancellationToken.IsCancellationRequested && UpstreamFailures.CanFailOver(failure))
                {
                    last = failure;
                    var health = await RecordFailureAsync(target, cancellationToken);
                    if (_streamStarted)
                    {
                        // Another choice of this request is already streaming from a target: nothing is switched any more.
                        throw;
                    }

                    if (RetryWait(target, failure, health, retry, started) is { } wait)
                    {
                        Outcome.Retried();
                        LogRetrying(_logger, target.Provider.Name, target.Model, failure.Kind, retry, target.Retries.MaxRetries, wait);
                        await Task.Delay(wait, _timeProvider, cancellationToken);
                        continue;
                    }

                    var next = i + 1 < _plan.Count ? _plan[i + 1] : null;
                    Outcome.Failed(new TargetFailure(target.Provider.Name, target.Model, failure.Kind), movingOn: next is not null);
                    if (next is not null)
                    {
                        LogFailingOver(_logger, Outcome.Model, target.ToString(), failure.Kind, next.ToString());
                    }

                    break;
                }
            }
        }

        if (_plan.Count > 1)
        {
            LogEveryTargetFailed(_logger, Outcome.Model, Outcome.FailureList);
        }

        ExceptionDispatchInfo.Throw(last!);
        throw last!;
    }

    /// <summary>How long to wait before retrying the same target, or null to move on.</summary>
    private TimeSpan? RetryWait(PlannedTarget target, ChatProviderException failure, TargetHealth health, int retry, long started)
    {
        var settings = target.Retries;
        if (retry > settings.MaxRetries || !UpstreamFailures.CanRetry(failure) || health.IsCoolingDown(_timeProvider.GetUtcNow()))
        {
            return null;
        }

        var wait = settings.Wait(retry, failure.RetryAfter, Random.Shared.NextDouble());
        return _timeProvider.GetElapsedTime(started) + wait <= settings.MaxDuration ? wait : null;
    }

    private async ValueTask RecordSuccessAsync(PlannedTarget target, CancellationToken cancellationToken)
    {
        Outcome.Answered(target.Provider.Name, target.Model, target.IsFallback);
        if (Outcome.HasFailures)
        {
            LogAnsweredAfterFailures(_logger, Outcome.Model, target.Provider.Name, target.Model, Outcome.FailureList);
        }

        if (target.Balanced is { } balanced && target.KnownFailures > 0)
        {
            await _cooldowns.RecordSuccessAsync(balanced.Key, cancellationToken);
        }
    }

    private async ValueTask<TargetHealth> RecordFailureAsync(PlannedTarget target, CancellationToken cancellationToken) =>
        target is { Balanced: { } balanced, Route: { } route }
            ? await _cooldowns.RecordFailureAsync(balanced.Key, route.FailureThreshold, route.Cooldown, cancellationToken)
            : TargetHealth.Healthy;

    [LoggerMessage(EventId = 400, EventName = "UpstreamRetrying", Level = LogLevel.Information,
        Message = "{Provider}/{UpstreamModel} failed ({Kind}); retry {Retry} of {MaxRetries} in {Wait}.")]
    private static partial void LogRetrying(ILogger logger, string provider, string upstreamModel, ChatProviderErrorKind kind, int retry, int maxRetries, TimeSpan wait);

    [LoggerMessage(EventId = 401, EventName = "RouteFailingOver", Level = LogLevel.Warning,
        Message = "Model {Model}: {Target} failed ({Kind}); trying {Next}.")]
    private static partial void LogFailingOver(ILogger logger, string model, string target, ChatProviderErrorKind kind, string next);

    [LoggerMessage(EventId = 402, EventName = "RouteAnsweredAfterFailures", Level = LogLevel.Information,
        Message = "Model {Model} was answered by {Provider}/{UpstreamModel} after these failed first: {Failed}.")]
    private static partial void LogAnsweredAfterFailures(ILogger logger, string model, string provider, string upstreamModel, string failed);

    [LoggerMessage(EventId = 403, EventName = "RouteFailed", Level = LogLevel.Warning,
        Message = "Model {Model}: every target failed: {Failed}.")]
    private static partial void LogEveryTargetFailed(ILogger logger, string model, string failed);

    /// <summary>
    /// The stream of one request: the first <see cref="MoveNextAsync"/> runs the plan until a target streams (see
    /// <see cref="RunAsync"/>); after that each update is passed on as the target streams it, without an async iterator
    /// of its own (a ready update costs no await). A failure of the target is too late to switch, but still counts
    /// against its health. The target's stream is disposed, and its load left, when the stream ends, fails or is
    /// disposed, whichever comes first.
    /// </summary>
    private sealed class RoutedUpdates(RoutedChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken callCancellation)
        : IAsyncEnumerable<ChatResponseUpdate>, IAsyncEnumerator<ChatResponseUpdate>
    {
        private CancellationToken _cancellationToken = callCancellation;
        private CancellationTokenSource? _linked;
        private IAsyncEnumerator<ChatResponseUpdate>? _updates;
        private PlannedTarget? _target;
        private bool _enumerated;
        private bool _started;
        private bool _open;

        public ChatResponseUpdate Current => _updates!.Current;

        public IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            if (_enumerated)
            {
                throw new InvalidOperationException("A routed stream is enumerated once.");
            }

            _enumerated = true;

            // As an async iterator combines its [EnumeratorCancellation] token with the enumerator's.
            if (cancellationToken.CanBeCanceled && cancellationToken != _cancellationToken)
            {
                if (_cancellationToken.CanBeCanceled)
                {
                    _linked = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
                    _cancellationToken = _linked.Token;
                }
                else
                {
                    _cancellationToken = cancellationToken;
                }
            }

            return this;
        }

        public ValueTask<bool> MoveNextAsync()
        {
            if (!_started)
            {
                _started = true;
                return StartAsync();
            }

            if (!_open)
            {
                return new ValueTask<bool>(false);
            }

            var next = AsyncEnumerators.Next(_updates!);

            if (next.IsCompletedSuccessfully)
            {
                return next.Result ? new ValueTask<bool>(true) : EndAsync();
            }

            return NextAsync(next);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await CloseAsync();
            }
            finally
            {
                _linked?.Dispose();
            }
        }

        private async ValueTask<bool> StartAsync()
        {
            var ((updates, hasFirst), target) = await client.RunAsync(StartOnAsync, _cancellationToken);
            client._streamStarted = true;
            (_updates, _target, _open) = (updates, target, true);
            if (!hasFirst)
            {
                await CloseAsync();
            }

            return hasFirst;
        }

        private Task<(IAsyncEnumerator<ChatResponseUpdate> Updates, bool HasFirst)> StartOnAsync(PlannedTarget target, CancellationToken cancellationToken) =>
            StartStreamAsync(target, messages, options, cancellationToken);

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<bool> NextAsync(ValueTask<bool> next)
        {
            bool more;
            try
            {
                more = await next;
            }
            catch (ChatProviderException failure) when (!_cancellationToken.IsCancellationRequested && UpstreamFailures.CanFailOver(failure))
            {
                try
                {
                    // Too late to switch: the failure still counts against the target's health.
                    await client.RecordFailureAsync(_target!, _cancellationToken);
                }
                finally
                {
                    await CloseAsync();
                }

                throw;
            }
            catch
            {
                await CloseAsync();
                throw;
            }

            if (!more)
            {
                await CloseAsync();
            }

            return more;
        }

        private async ValueTask<bool> EndAsync()
        {
            await CloseAsync();
            return false;
        }

        private async ValueTask CloseAsync()
        {
            if (!_open)
            {
                return;
            }

            _open = false;
            try
            {
                await _updates!.DisposeAsync();
            }
            finally
            {
                _target!.Balanced?.Load.Leave();
            }
        }
    }
}

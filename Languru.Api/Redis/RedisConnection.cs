using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Languru.Api.Redis;

/// <summary>
/// The one connection to Redis, shared by every store. It never blocks start-up or a request on a Redis that is down:
/// it connects in the background, fails commands fast while disconnected, and reconnects by itself. Each store reports
/// what happened through <see cref="Failed"/> and <see cref="Succeeded"/>, so an outage is logged once when it begins
/// and once when it ends, and every fallback is counted (<c>languru.redis.fallbacks</c>).
/// </summary>
internal sealed partial class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;
    private readonly ILogger<RedisConnection> _logger;
    private readonly Counter<long> _fallbacks;
    private int _down;

    public RedisConnection(IOptions<RedisOptions> options, IMeterFactory meters, ILogger<RedisConnection> logger)
    {
        Options = options.Value;
        _logger = logger;
        _fallbacks = meters.Create("Languru").CreateCounter<long>(
            "languru.redis.fallbacks", "{operation}", "Operations answered without Redis because it could not be reached.");
        var configuration = ConfigurationOptions.Parse(Options.Configuration!);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        _multiplexer = new(() => ConnectionMultiplexer.Connect(configuration));
    }

    public RedisOptions Options { get; }

    public IDatabase Database => _multiplexer.Value.GetDatabase();

    /// <summary>Whether the last operation found Redis unreachable.</summary>
    public bool IsDown => Volatile.Read(ref _down) == 1;

    /// <summary>Opens the connection (in the background when Redis is down), so the first request does not pay for it.</summary>
    public void Open() => _ = _multiplexer.Value;

    /// <summary>Whether the exception means Redis could not be reached (rather than a bug of ours).</summary>
    public static bool IsUnreachable(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException or TimeoutException
        || (exception is RedisException && exception.InnerException is not null);

    /// <summary>Records an operation that fell back because Redis could not be reached.</summary>
    public void Failed(string store, Exception exception)
    {
        _fallbacks.Add(1, new KeyValuePair<string, object?>("languru.store", store), new KeyValuePair<string, object?>("languru.redis.fail_closed", Options.FailClosed));
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            Log.Unavailable(_logger, store, Options.FailClosed ? "limited requests get 503" : "limits count per instance", exception.GetType().Name, exception.Message);
        }
    }

    /// <summary>Records an operation that reached Redis.</summary>
    public void Succeeded()
    {
        if (Volatile.Read(ref _down) == 1 && Interlocked.Exchange(ref _down, 0) == 1)
        {
            Log.Recovered(_logger);
        }
    }

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, EventName = "RedisUnavailable", Level = LogLevel.Warning,
            Message = "Redis can't be reached (first seen by {Store}); until it returns, {Fallback} and stored responses answer 503: {Error}: {Detail}")]
        public static partial void Unavailable(ILogger logger, string store, string fallback, string error, string detail);

        [LoggerMessage(EventId = 2, EventName = "RedisRecovered", Level = LogLevel.Information, Message = "Redis is reachable again; shared state is back in use")]
        public static partial void Recovered(ILogger logger);
    }
}

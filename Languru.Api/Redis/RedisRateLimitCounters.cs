using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Languru.Api.Limits;
using StackExchange.Redis;

namespace Languru.Api.Redis;

/// <summary>
/// <see cref="IRateLimitCounters"/> shared by every instance through Redis. Each check-and-charge is one Lua script
/// (atomic: every window is charged only if all have room), on keys named for the window's end that expire by
/// themselves. Concurrency slots are leases in a sorted set scored by their expiry on Redis's own clock: a held lease
/// is renewed every third of <see cref="RedisOptions.LeaseTime"/>, so the slots of an instance that dies are free
/// again within one lease time. When Redis can't be reached, the request is counted by this instance alone
/// (<see cref="InMemoryRateLimitCounters"/>), or refused with 503 when <see cref="RedisOptions.FailClosed"/> is set.
/// </summary>
internal sealed class RedisRateLimitCounters : IRateLimitCounters, IDisposable
{
    private const string Store = "rate_limits";

    // KEYS: one window key per charge. ARGV[1]: how long the keys live (ms); then limit, cost for each charge.
    // Returns { allowed (0/1), used after the decision for each charge… }.
    private const string ChargeScript = """
        local allowed = 1
        local used = {}
        for i = 1, #KEYS do
          used[i] = tonumber(redis.call('GET', KEYS[i]) or '0')
          if used[i] + tonumber(ARGV[2 * i + 1]) > tonumber(ARGV[2 * i]) then allowed = 0 end
        end
        if allowed == 1 then
          for i = 1, #KEYS do
            local cost = tonumber(ARGV[2 * i + 1])
            if cost > 0 then
              used[i] = redis.call('INCRBY', KEYS[i], cost)
              redis.call('PEXPIRE', KEYS[i], ARGV[1])
            end
          end
        end
        table.insert(used, 1, allowed)
        return used
        """;

    // KEYS[1]: the window. ARGV[1]: amount (may be negative), ARGV[2]: how long the key lives (ms). Never below zero.
    private const string AdjustScript = """
        local used = tonumber(redis.call('GET', KEYS[1]) or '0')
        local amount = tonumber(ARGV[1])
        if amount < 0 and used == 0 then return 0 end
        local next = used + amount
        if next < 0 then next = 0 end
        redis.call('SET', KEYS[1], next, 'PX', ARGV[2])
        return next
        """;

    // KEYS[1]: the partition's leases. ARGV: limit, lease ms, lease id. Expired leases are dropped first.
    private const string AcquireSlotScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    // KEYS[i]: a partition's leases, ARGV[1]: lease ms, ARGV[i + 1]: the lease id held there. Renews only live leases.
    private const string RenewScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        for i = 1, #KEYS do
          if redis.call('ZADD', KEYS[i], 'XX', 'CH', now + tonumber(ARGV[1]), ARGV[i + 1]) == 1 then
            redis.call('PEXPIRE', KEYS[i], ARGV[1])
          end
        end
        return #KEYS
        """;

    private readonly RedisConnection _redis;
    private readonly InMemoryRateLimitCounters _local = new();
    private readonly ConcurrentDictionary<string, RedisKey> _held = new();
    private readonly ITimer _renewal;

    public RedisRateLimitCounters(RedisConnection redis)
    {
        _redis = redis;

        // Leases expire on Redis's clock, so they are renewed on the real one (never a test's fake clock).
        var every = redis.Options.LeaseTime / 3;
        _renewal = TimeProvider.System.CreateTimer(_ => _ = RenewAsync(), null, every, every);
    }

    private string Prefix => _redis.Options.KeyPrefix;

    public async ValueTask<RateLimitDecision> TryAcquireAsync(
        string partition, IReadOnlyList<WindowCharge> charges, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(charges);
        var keys = new RedisKey[charges.Count];
        var values = new RedisValue[1 + (2 * charges.Count)];
        var ends = new DateTimeOffset[charges.Count];
        var latestEnd = DateTimeOffset.MinValue;
        for (var i = 0; i < charges.Count; i++)
        {
            ends[i] = InMemoryRateLimitCounters.WindowEnd(charges[i].Window, now);
            latestEnd = ends[i] > latestEnd ? ends[i] : latestEnd;
            keys[i] = WindowKey(partition, charges[i].Counter, ends[i]);
            values[(2 * i) + 1] = charges[i].Limit;
            values[(2 * i) + 2] = charges[i].Cost;
        }

        values[0] = TimeToLive(latestEnd, now);
        RedisResult[] result;
        try
        {
            result = (RedisResult[])(await _redis.Database.ScriptEvaluateAsync(ChargeScript, keys, values))!;
            _redis.Succeeded();
        }
        catch (Exception e) when (RedisConnection.IsUnreachable(e))
        {
            Unreachable(e);
            return await _local.TryAcquireAsync(partition, charges, now, cancellationToken);
        }

        var allowed = (long)result[0] == 1;
        var states = new WindowState[charges.Count];
        for (var i = 0; i < charges.Count; i++)
        {
            var used = (long)result[i + 1];
            var charge = charges[i];
            var hasRoom = (allowed ? used : used + charge.Cost) <= charge.Limit;
            states[i] = new WindowState(charge.Counter, charge.Limit, Math.Max(0, charge.Limit - used), ends[i], hasRoom);
        }

        return new RateLimitDecision(allowed, states);
    }

    public async ValueTask AdjustAsync(
        string partition, string counter, TimeSpan window, long amount, DateTimeOffset chargedAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(counter);
        var end = InMemoryRateLimitCounters.WindowEnd(window, now);
        if (amount == 0 || (amount < 0 && end != InMemoryRateLimitCounters.WindowEnd(window, chargedAt)))
        {
            // Nothing to add, or a refund for a window that is over: it can't give anything back any more.
            return;
        }

        try
        {
            await _redis.Database.ScriptEvaluateAsync(AdjustScript, [WindowKey(partition, counter, end)], [amount, TimeToLive(end, now)]);
            _redis.Succeeded();
        }
        catch (Exception e) when (RedisConnection.IsUnreachable(e))
        {
            // A correction that can't be recorded is not worth failing a finished request for.
            _redis.Failed(Store, e);
            await _local.AdjustAsync(partition, counter, window, amount, chargedAt, now, cancellationToken);
        }
    }

    public async ValueTask<RateLimitLease> TryAcquireSlotAsync(string partition, int limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = (RedisKey)$"{Prefix}slots:{{{partition}}}";
        var id = Guid.NewGuid().ToString("N");
        try
        {
            var acquired = (long)await _redis.Database.ScriptEvaluateAsync(
                AcquireSlotScript, [key], [limit, (long)_redis.Options.LeaseTime.TotalMilliseconds, id]) == 1;
            _redis.Succeeded();
            if (!acquired)
            {
                return NotAcquiredLease.Instance;
            }

            _held[id] = key;
            return new SlotLease(this, key, id);
        }
        catch (Exception e) when (RedisConnection.IsUnreachable(e))
        {
            Unreachable(e);
            return await _local.TryAcquireSlotAsync(partition, limit, now, cancellationToken);
        }
    }

    public void Dispose()
    {
        _renewal.Dispose();
        _local.Dispose();
    }

    // A window's key outlives its end a little, so that a late correction still finds it; then Redis drops it. Relative
    // to the caller's clock, so that an instance whose clock differs from Redis's still gets keys of the right lifetime.
    private static long TimeToLive(DateTimeOffset end, DateTimeOffset now) => (long)(end - now + TimeSpan.FromSeconds(10)).TotalMilliseconds;

    private RedisKey WindowKey(string partition, string counter, DateTimeOffset end) =>
        $"{Prefix}rl:{{{partition}}}:{counter}:{end.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";

    private void Unreachable(Exception exception)
    {
        _redis.Failed(Store, exception);
        if (_redis.Options.FailClosed)
        {
            throw new StateUnavailableException(
                "Rate limits can't be checked: the gateway's shared store (Redis) is unreachable. Try again shortly.", exception);
        }
    }

    private async Task RenewAsync()
    {
        if (_held.IsEmpty)
        {
            return;
        }

        var held = _held.ToArray();
        try
        {
            await _redis.Database.ScriptEvaluateAsync(
                RenewScript,
                [.. held.Select(h => h.Value)],
                [(long)_redis.Options.LeaseTime.TotalMilliseconds, .. held.Select(h => (RedisValue)h.Key)]);
            _redis.Succeeded();
        }
        catch (Exception e) when (RedisConnection.IsUnreachable(e))
        {
            _redis.Failed(Store, e);
        }
    }

    private void Release(RedisKey key, string id)
    {
        if (_held.TryRemove(id, out _))
        {
            // Fire and forget: if Redis can't be reached, the lease expires by itself.
            _ = _redis.Database.SortedSetRemoveAsync(key, id, CommandFlags.FireAndForget);
        }
    }

    private sealed class SlotLease(RedisRateLimitCounters owner, RedisKey key, string id) : RateLimitLease
    {
        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            owner.Release(key, id);
            base.Dispose(disposing);
        }
    }

    private sealed class NotAcquiredLease : RateLimitLease
    {
        public static readonly NotAcquiredLease Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

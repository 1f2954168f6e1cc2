using Languru.Providers.Resilience;
using StackExchange.Redis;

namespace Languru.Api.Redis;

/// <summary>
/// <see cref="ICooldownStore"/> shared by every instance, so that all of them skip an upstream that one of them saw
/// failing. Each target is a Redis hash (<c>f</c>: failures in a row, <c>l</c>: last failure, <c>u</c>: cooling
/// until, Unix ms) that lapses two cool-downs after its last failure, updated by one Lua script with the same rules as
/// <see cref="InMemoryCooldownStore"/>. When Redis can't be reached it falls back to this instance's own view, as the
/// interface requires (health never fails a request).
/// </summary>
internal sealed class RedisCooldownStore(RedisConnection redis, TimeProvider timeProvider) : ICooldownStore
{
    private const string Store = "cooldowns";

    // KEYS[1]: the target. ARGV: now, threshold, cool-down (ms). Returns { failures, last failure, cooling until or -1 }.
    private const string FailureScript = """
        local now = tonumber(ARGV[1])
        local cooldown = tonumber(ARGV[3])
        local failures = tonumber(redis.call('HGET', KEYS[1], 'f') or '0') + 1
        local cooling = failures >= tonumber(ARGV[2]) or redis.call('HEXISTS', KEYS[1], 'u') == 1
        redis.call('HSET', KEYS[1], 'f', failures, 'l', now)
        local untilAt = -1
        if cooling then
          untilAt = now + cooldown
          redis.call('HSET', KEYS[1], 'u', untilAt)
        end
        redis.call('PEXPIRE', KEYS[1], 2 * cooldown)
        return { failures, now, untilAt }
        """;

    private static readonly RedisValue[] Fields = ["f", "l", "u"];

    private readonly InMemoryCooldownStore _local = new(timeProvider);

    public async ValueTask<IReadOnlyList<TargetHealth>> GetAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        try
        {
            var db = redis.Database;
            var replies = await Task.WhenAll(targets.Select(t => db.HashGetAsync(Key(t), Fields)));
            redis.Succeeded();
            return [.. replies.Select(Health)];
        }
        catch (Exception e) when (RedisConnection.IsUnreachable(e))
        {
            redis.Failed(Store, e);
            return await _local.GetAsync(targets, cancellationToken);
        }
    }

    public async ValueTask<TargetHealth> RecordFailureAsync(string target, int threshold, TimeSpan cooldown, CancellationToken cancellationToken)
    {
        try
        {
            var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            var reply = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(
                FailureScript, [Key(target)], [now, threshold, (long)cooldown.TotalMilliseconds]))!;
            redis.Succeeded();
            return Health([(RedisValue)(long)reply[0], (RedisValue)(long)reply[1], (long)reply[2] < 0 ? RedisValue.Null : (RedisValue)(long)reply[2]]);
        }
        catch (Exception e) when (RedisConnection.IsUnreachable(e))
        {
            redis.Failed(Store, e);
            return await _local.RecordFailureAsync(target, threshold, cooldown, cancellationToken);
        }
    }

    public async ValueTask RecordSuccessAsync(string target, CancellationToken cancellationToken)
    {
        await _local.RecordSuccessAsync(target, cancellationToken);
        try
        {
            await redis.Database.KeyDeleteAsync(Key(target));
            redis.Succeeded();
        }
        catch (Exception e) when (RedisConnection.IsUnreachable(e))
        {
            redis.Failed(Store, e);
        }
    }

    private static TargetHealth Health(RedisValue[] fields) => fields[0].IsNull
        ? TargetHealth.Healthy
        : new TargetHealth(
            (int)fields[0],
            DateTimeOffset.FromUnixTimeMilliseconds((long)fields[1]),
            fields[2].IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)fields[2]));

    // Target names compare without case, as in the in-memory store.
    private RedisKey Key(string target) => $"{redis.Options.KeyPrefix}cool:{target.ToLowerInvariant()}";
}

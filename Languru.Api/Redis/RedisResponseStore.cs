using System.Text.Json;
using Languru.Api.Hosting;
using Languru.Api.Responses;
using Languru.Contracts.Responses;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Languru.Api.Redis;

/// <summary>
/// <see cref="IResponseStore"/> shared by every instance: each stored response is one Redis string (its JSON, as the
/// in-memory store keeps it) under a key naming its owner, expiring after <see cref="ResponsesOptions.TimeToLive"/>.
/// <see cref="ResponsesOptions.MaxStored"/> bounds the in-memory store only; Redis is bounded by the time to live and
/// its own <c>maxmemory</c>. A store that can't be reached is a 503, never a "not found".
/// </summary>
internal sealed class RedisResponseStore(RedisConnection redis, IOptions<ResponsesOptions> options) : IResponseStore
{
    private const string Store = "responses";

    public async Task SaveAsync(StoredResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var json = JsonSerializer.SerializeToUtf8Bytes(response, WireJson.TypeInfo<StoredResponse>());
        await Run(db => db.StringSetAsync(Key(response.Response.Id, response.Owner), json, options.Value.TimeToLive));
    }

    public async Task<StoredResponse?> GetAsync(string id, string? owner, CancellationToken cancellationToken)
    {
        var json = await Run(db => db.StringGetAsync(Key(id, owner)));
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize((byte[])json!, WireJson.TypeInfo<StoredResponse>());
    }

    public Task<bool> DeleteAsync(string id, string? owner, CancellationToken cancellationToken) =>
        Run(db => db.KeyDeleteAsync(Key(id, owner)));

    // The owner is part of the key, so a response is found only by whoever stored it (ids never contain ':').
    private RedisKey Key(string id, string? owner) =>
        owner is null ? $"{redis.Options.KeyPrefix}resp:anon:{id}" : $"{redis.Options.KeyPrefix}resp:key:{owner}:{id}";

    private async Task<T> Run<T>(Func<IDatabase, Task<T>> operation)
    {
        try
        {
            var result = await operation(redis.Database);
            redis.Succeeded();
            return result;
        }
        catch (Exception e) when (RedisConnection.IsUnreachable(e))
        {
            redis.Failed(Store, e);
            throw new StateUnavailableException(
                "Stored responses are unavailable: the gateway's shared store (Redis) is unreachable. Try again shortly.", e);
        }
    }
}

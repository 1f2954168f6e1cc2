using System.Text.Json;
using Languru.Api.Hosting;
using Languru.Contracts.Responses;
using Microsoft.Extensions.Options;

namespace Languru.Api.Responses;

/// <summary>
/// The default <see cref="IResponseStore"/>: in this process, bounded in count (<see cref="ResponsesOptions.MaxStored"/>,
/// the oldest evicted first) and in time (<see cref="ResponsesOptions.TimeToLive"/>), so a long-running gateway
/// cannot grow without bound. Records are kept as their JSON, as a shared store would keep them, so nothing that
/// is not serialisable can slip in and callers never share mutable objects.
/// </summary>
internal sealed class InMemoryResponseStore(IOptions<ResponsesOptions> options, TimeProvider timeProvider) : IResponseStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Id, string? Owner), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _byAge = new();

    public Task SaveAsync(StoredResponse response, CancellationToken cancellationToken)
    {
        var key = (response.Response.Id, response.Owner);
        var json = JsonSerializer.SerializeToUtf8Bytes(response, WireJson.TypeInfo<StoredResponse>());
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            RemoveExpired(now);
            Remove(key);
            _entries[key] = _byAge.AddLast(new Entry(key, json, now + options.Value.TimeToLive));
            while (_entries.Count > options.Value.MaxStored)
            {
                Remove(_byAge.First!.Value.Key);
            }
        }

        return Task.CompletedTask;
    }

    public Task<StoredResponse?> GetAsync(string id, string? owner, CancellationToken cancellationToken)
    {
        byte[]? json = null;
        lock (_lock)
        {
            RemoveExpired(timeProvider.GetUtcNow());
            if (_entries.TryGetValue((id, owner), out var node))
            {
                json = node.Value.Json;
            }
        }

        return Task.FromResult(json is null ? null : JsonSerializer.Deserialize(json, WireJson.TypeInfo<StoredResponse>()));
    }

    public Task<bool> DeleteAsync(string id, string? owner, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            RemoveExpired(timeProvider.GetUtcNow());
            return Task.FromResult(Remove((id, owner)));
        }
    }

    private void RemoveExpired(DateTimeOffset now)
    {
        // Entries are in storing order and share one time to live, so the expired ones are at the front.
        while (_byAge.First is { } oldest && oldest.Value.ExpiresAt <= now)
        {
            Remove(oldest.Value.Key);
        }
    }

    private bool Remove((string, string?) key)
    {
        if (!_entries.Remove(key, out var node))
        {
            return false;
        }

        _byAge.Remove(node);
        return true;
    }

    private sealed record Entry((string Id, string? Owner) Key, byte[] Json, DateTimeOffset ExpiresAt);
}

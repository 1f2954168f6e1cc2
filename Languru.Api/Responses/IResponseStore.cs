using Languru.Contracts.Responses;

namespace Languru.Api.Responses;

/// <summary>
/// Where stored responses live, keyed by response id and owner (the API key name, or null without keys): a response
/// is found only by the owner that stored it. Records are <see cref="StoredResponse"/>s, serialisable with the wire
/// JSON context. The default is <see cref="InMemoryResponseStore"/>; a shared store (Redis) implements the same.
/// </summary>
public interface IResponseStore
{
    /// <summary>Stores (or replaces) a response.</summary>
    Task SaveAsync(StoredResponse response, CancellationToken cancellationToken);

    /// <summary>The response with this id stored by this owner, or null (unknown, deleted, expired, or someone else's).</summary>
    Task<StoredResponse?> GetAsync(string id, string? owner, CancellationToken cancellationToken);

    /// <summary>Deletes the response with this id stored by this owner; false when there was none.</summary>
    Task<bool> DeleteAsync(string id, string? owner, CancellationToken cancellationToken);
}

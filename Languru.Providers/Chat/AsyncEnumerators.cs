namespace Languru.Providers.Chat;

/// <summary>Helpers of the hand-written stream pass-throughs (<see cref="ObservedUpdates"/> and its kind).</summary>
public static class AsyncEnumerators
{
    /// <summary>
    /// <see cref="IAsyncEnumerator{T}.MoveNextAsync"/>, with a failure thrown by the call itself returned as a failed
    /// task, so that a pass-through sees it where an async iterator's <c>await</c> would.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="enumerator">The enumerator to move on.</param>
    /// <returns>Whether there is a next item.</returns>
    public static ValueTask<bool> Next<T>(IAsyncEnumerator<T> enumerator)
    {
        ArgumentNullException.ThrowIfNull(enumerator);
        try
        {
            return enumerator.MoveNextAsync();
        }
        catch (Exception ex)
        {
            return ValueTask.FromException<bool>(ex);
        }
    }
}

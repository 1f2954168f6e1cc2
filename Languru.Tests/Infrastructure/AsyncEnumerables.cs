using System.Runtime.CompilerServices;

namespace Languru.Tests.Infrastructure;

public static class AsyncEnumerables
{
    public static async IAsyncEnumerable<T> Of<T>(IEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
    }

    /// <summary>Yields <paramref name="items"/> without ever awaiting: each is ready at once, as buffered upstream chunks are.</summary>
    public static async IAsyncEnumerable<T> Ready<T>(IEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
    }

    /// <summary>Yields <paramref name="items"/>, then throws <paramref name="failure"/>.</summary>
    public static async IAsyncEnumerable<T> ThenThrow<T>(IEnumerable<T> items, Exception failure, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw failure;
    }
}

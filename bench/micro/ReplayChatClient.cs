using System.Runtime.CompilerServices;
using System.Text;
using Languru.Providers.OpenAI;
using Microsoft.Extensions.AI;

namespace Languru.Bench.Micro;

/// <summary>
/// A provider that streams the same updates every call, with nothing to wait for: by default the 21 updates the wire
/// path reads from the benchmark upstream's stream (<see cref="Canned.Stream"/>: 20 chunks and the usage chunk), each
/// carrying its upstream JSON as the wire path passes it on.
/// </summary>
internal sealed class ReplayChatClient(IReadOnlyList<ChatResponseUpdate> updates) : IChatClient
{
    private static readonly ChatClientMetadata Metadata = new("bench", new Uri("http://127.0.0.1:18080/v1"), "gpt-4o-mini");

    public ReplayChatClient()
        : this(WireUpdates())
    {
    }

    /// <summary>The updates the wire path reads from <see cref="Canned.Stream"/>, each with its upstream JSON.</summary>
    public static List<ChatResponseUpdate> WireUpdates()
    {
        var updates = new List<ChatResponseUpdate>();
        foreach (var line in Canned.Stream().Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var data = Encoding.UTF8.GetBytes(line["data: ".Length..]);
            if (!data.AsSpan().SequenceEqual("[DONE]"u8))
            {
                var update = OpenAIWireReader.ReadChunk(data);
                update.RawRepresentation = new OpenAIWireJson(data);
                updates.Add(update);
            }
        }

        return updates;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        foreach (var update in updates)
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? Metadata : null;

    public void Dispose()
    {
    }
}

using Microsoft.Extensions.AI;

namespace Languru.Providers.Chat;

/// <summary>
/// The <see cref="IChatClient.GetService"/> (and <see cref="IEmbeddingGenerator.GetService"/>) of the gateway's
/// clients: their metadata, and themselves.
/// </summary>
internal static class ChatClientServices
{
    public static object? Resolve(object client, object metadata, Type serviceType, object? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == metadata.GetType() ? metadata
            : serviceType.IsInstanceOfType(client) ? client
            : null;
    }
}

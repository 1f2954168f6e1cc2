using Languru.Providers.Routing;
using Microsoft.Extensions.Options;

namespace Languru.Providers.Echo;

/// <summary>Creates echo providers. They need nothing to be configured.</summary>
internal sealed class EchoProviderFactory(IOptionsMonitor<EchoOptions> options, TimeProvider timeProvider) : IChatProviderFactory
{
    public const string TypeName = "echo";

    public string Type => TypeName;

    public IEnumerable<string> Validate(string name) => options.TryGetProviderOptions(name, out _);

    public ChatProvider Create(string name)
    {
        var settings = options.Get(name);
        return ChatProvider.Configured(
            name, TypeName, new EchoChatClient(name, settings, timeProvider), embeddings: new EchoEmbeddingGenerator(name, settings, timeProvider));
    }
}

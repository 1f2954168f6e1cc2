using Languru.Providers.Routing;
using Microsoft.Extensions.AI;

namespace Languru.Tests.Infrastructure;

/// <summary>A provider type whose every provider is the given client (typically a Moq mock).</summary>
public sealed class StubProviderFactory(string type, IChatClient client, IModelCatalog? catalog = null) : IChatProviderFactory
{
    public string Type => type;

    public IEnumerable<string> Validate(string name) => [];

    public ChatProvider Create(string name) => ChatProvider.Configured(name, type, client, catalog);
}

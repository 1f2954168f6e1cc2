namespace Languru.Providers.Routing;

/// <summary>A model as a provider describes it.</summary>
/// <param name="Id">The model id as the client sends it.</param>
/// <param name="OwnedBy">Who provides it, e.g. <c>echo</c>, <c>openai</c>, <c>ollama</c>.</param>
/// <param name="Created">When it was created, if the upstream says.</param>
public sealed record ModelDescriptor(string Id, string OwnedBy, DateTimeOffset? Created = null);

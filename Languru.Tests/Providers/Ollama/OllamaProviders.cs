using Languru.Providers.Ollama;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Providers.Ollama;

/// <summary>An Ollama provider named <c>up</c>; <paramref name="baseUrl"/> is the fake Ollama's root.</summary>
public sealed class OllamaProviders(Uri? baseUrl, params (string Key, string? Value)[] settings)
    : ProviderHarness("ollama", s => s.AddOllamaProvider(), baseUrl is null ? settings : [("BaseUrl", baseUrl.ToString()), .. settings]);

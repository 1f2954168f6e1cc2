using Languru.Providers.OpenAI;
using Languru.Tests.Infrastructure;

namespace Languru.Tests.Providers.OpenAI;

/// <summary>An OpenAI provider named <c>up</c>; <paramref name="baseUrl"/> is the fake upstream's root (<c>/v1</c> is added).</summary>
public sealed class OpenAIProviders(Uri? baseUrl, params (string Key, string? Value)[] settings)
    : ProviderHarness(
        "openai",
        s => s.AddOpenAIProvider(),
        baseUrl is null ? settings : [("BaseUrl", new Uri(baseUrl, "v1").ToString()), .. settings]);

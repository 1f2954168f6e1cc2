using System.ClientModel;
using Languru.Providers.Chat;
using Languru.Providers.Ollama;
using Languru.Providers.OpenAI;

namespace Languru.Providers.Resilience;

/// <summary>Which provider failures the gateway hides by trying again (the same target) or elsewhere (the next one).</summary>
internal static class UpstreamFailures
{
    /// <summary>
    /// Worth another target: whatever the upstream did wrong (unreachable, 429, 5xx, time-out, refused credentials,
    /// a model it lacks). Never a request the upstream refused as invalid: every target would refuse it too.
    /// </summary>
    public static bool CanFailOver(ChatProviderException failure) => failure.Kind is not ChatProviderErrorKind.InvalidRequest;

    /// <summary>
    /// Worth asking the same target again: unreachable, 429, 503, time-outs, other 5xx and broken connections; not
    /// refused credentials, a wrong URL, an unknown model or an unreadable answer, which would only repeat.
    /// </summary>
    public static bool CanRetry(ChatProviderException failure) => failure.Kind switch
    {
        ChatProviderErrorKind.RateLimited or ChatProviderErrorKind.Unavailable or ChatProviderErrorKind.Timeout => true,
        ChatProviderErrorKind.UpstreamError => failure.InnerException switch
        {
            ClientResultException { Status: >= 500 } => true,
            OllamaHttpException { Status: >= 500 } => true,
            OpenAIHttpException { Status: >= 500 } => true,
            ClientResultException { Status: 0 } or HttpRequestException or IOException => true,
            _ => false,
        },
        _ => false,
    };
}

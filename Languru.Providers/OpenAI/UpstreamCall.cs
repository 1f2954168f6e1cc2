namespace Languru.Providers.OpenAI;

/// <summary>What error mapping needs to know about one upstream call.</summary>
/// <param name="Provider">The provider's configured name.</param>
/// <param name="Endpoint">The upstream base URL.</param>
/// <param name="Model">The upstream model id.</param>
/// <param name="Secret">The provider's key, redacted from any upstream text the gateway repeats.</param>
internal sealed record UpstreamCall(string Provider, Uri Endpoint, string Model, string? Secret);

using Languru.Providers.Chat;

namespace Languru.Api.Completions;

/// <summary>
/// What every chunk of one answer shares: a fresh <c>chatcmpl-…</c> id, the creation time, and the model name the
/// client sent (not the upstream's, so aliases stay opaque).
/// </summary>
internal sealed record CompletionHeader(string Id, long Created, string Model)
{
    public static CompletionHeader Create(string model, TimeProvider timeProvider) =>
        new(RandomIds.Create("chatcmpl-", RandomIds.Alphanumeric, 29), timeProvider.GetUtcNow().ToUnixTimeSeconds(), model);
}

using Languru.Providers.Chat;

namespace Languru.Providers.Resilience;

/// <summary>A target that failed while a request was routed (after its retries).</summary>
/// <param name="Provider">The provider's name.</param>
/// <param name="Model">The upstream model id.</param>
/// <param name="Kind">How it failed.</param>
public readonly record struct TargetFailure(string Provider, string Model, ChatProviderErrorKind Kind)
{
    /// <inheritdoc />
    public override string ToString() => $"{Provider}/{Model} ({Kind})";
}

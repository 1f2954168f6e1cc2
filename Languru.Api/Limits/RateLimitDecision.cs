namespace Languru.Api.Limits;

/// <summary>The answer to <see cref="IRateLimitCounters.TryAcquireAsync"/>.</summary>
/// <param name="IsAllowed">Whether every window had room and was charged.</param>
/// <param name="Windows">Each window's state, in the order of the charges.</param>
public sealed record RateLimitDecision(bool IsAllowed, IReadOnlyList<WindowState> Windows);

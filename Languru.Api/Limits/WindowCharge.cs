namespace Languru.Api.Limits;

/// <summary>A cost to charge to one fixed window of a counter.</summary>
/// <param name="Counter">The counter's name, e.g. <c>requests</c> or <c>tokens</c>.</param>
/// <param name="Limit">How much the window allows.</param>
/// <param name="Cost">How much this request takes.</param>
/// <param name="Window">The window's length.</param>
public sealed record WindowCharge(string Counter, long Limit, long Cost, TimeSpan Window);

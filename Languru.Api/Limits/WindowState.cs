namespace Languru.Api.Limits;

/// <summary>A counter's window after a decision.</summary>
/// <param name="Counter">The counter's name.</param>
/// <param name="Limit">How much the window allows.</param>
/// <param name="Remaining">What is left in the window (never negative).</param>
/// <param name="ResetsAt">When the window ends and the counter starts again from zero.</param>
/// <param name="HasRoom">Whether the window had room for the cost asked for.</param>
public sealed record WindowState(string Counter, long Limit, long Remaining, DateTimeOffset ResetsAt, bool HasRoom);

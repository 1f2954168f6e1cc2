namespace Languru.Providers.Resilience;

/// <summary>What the <see cref="ICooldownStore"/> knows of one target.</summary>
/// <param name="Failures">Failures in a row (0: healthy).</param>
/// <param name="LastFailure">When it last failed.</param>
/// <param name="CoolingUntil">Until when it is skipped; null when it has not reached its threshold.</param>
public readonly record struct TargetHealth(int Failures, DateTimeOffset? LastFailure, DateTimeOffset? CoolingUntil)
{
    /// <summary>No failures known.</summary>
    public static TargetHealth Healthy => default;

    /// <summary>Whether the target is skipped at <paramref name="now"/>.</summary>
    /// <param name="now">The time.</param>
    /// <returns>True while the cool-down lasts.</returns>
    public bool IsCoolingDown(DateTimeOffset now) => CoolingUntil > now;
}

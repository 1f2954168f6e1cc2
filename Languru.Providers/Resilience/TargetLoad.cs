namespace Languru.Providers.Resilience;

/// <summary>How many calls a target is serving right now (for <c>least-busy</c>), shared by every route that names it.</summary>
internal sealed class TargetLoad
{
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);
}

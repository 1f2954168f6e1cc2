namespace Languru.Providers.Routing;

/// <summary>
/// One route (<c>Languru:Routes:&lt;public model&gt;</c>): a public model name served by several targets, balanced by a
/// strategy, skipped while they cool down after failures, with fallbacks tried when every target failed.
/// </summary>
public sealed class RouteOptions
{
    /// <summary>The strategy used when <see cref="Strategy"/> is not set.</summary>
    public const string DefaultStrategy = "round-robin";

    /// <summary>The model names that serve the route (e.g. <c>vllm-a/llama-3.1-8b</c>); at least one.</summary>
    public List<string> Targets { get; } = [];

    /// <summary>How a target is picked: <c>round-robin</c> (default), <c>least-busy</c> or <c>weighted</c>.</summary>
    public string? Strategy { get; set; }

    /// <summary>With <c>weighted</c>: a positive integer per target, in the order of <see cref="Targets"/>.</summary>
    public List<int> Weights { get; } = [];

    /// <summary>Model names or other routes tried in order when every target failed.</summary>
    public List<string> Fallbacks { get; } = [];

    /// <summary>How many failures in a row make a target cool down. Default 3.</summary>
    public int FailureThreshold { get; set; } = 3;

    /// <summary>How long a failing target is skipped before it is tried again. Default 30 seconds.</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromSeconds(30);
}

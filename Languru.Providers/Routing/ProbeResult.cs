namespace Languru.Providers.Routing;

/// <summary>What a probe found.</summary>
/// <param name="Reachable">Whether the upstream answered.</param>
/// <param name="Description">What was seen, e.g. "lists 12 models" or why it failed (never a secret).</param>
public readonly record struct ProbeResult(bool Reachable, string Description);

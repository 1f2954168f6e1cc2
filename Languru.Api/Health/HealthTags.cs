namespace Languru.Api.Health;

/// <summary>Tags of the gateway's health checks.</summary>
internal static class HealthTags
{
    /// <summary>Checks that <c>/health/ready</c> runs.</summary>
    public const string Ready = "ready";
}

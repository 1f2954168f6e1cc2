namespace Languru.Api.Telemetry;

/// <summary>How a request ended: the <c>languru.outcome</c> attribute and the log line's <c>Outcome</c>.</summary>
internal static class Outcomes
{
    public const string Success = "success";
    public const string ClientError = "client_error";
    public const string RateLimited = "rate_limited";
    public const string UpstreamError = "upstream_error";
    public const string StreamError = "stream_error";
    public const string Error = "error";
    public const string Cancelled = "cancelled";
}

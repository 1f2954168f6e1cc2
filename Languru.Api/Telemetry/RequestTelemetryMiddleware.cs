using System.Diagnostics;
using System.Globalization;
using Languru.Api.Access;
using Languru.Providers.Chat;
using Languru.Providers.Telemetry;

namespace Languru.Api.Telemetry;

/// <summary>
/// Starts each request's <see cref="RequestRecord"/> (as a feature and as <see cref="RequestRecord.Current"/>), puts
/// its <c>x-request-id</c> on the log scope and the request's span, and when the request ends writes its one log
/// line and its metrics. Health probes and scrapes are left out. Never sees content or keys: it reads only the
/// record, the route and the status.
/// </summary>
internal sealed partial class RequestTelemetryMiddleware(RequestDelegate next, GatewayMetrics metrics, TimeProvider timeProvider, ILoggerFactory loggers)
{
    /// <summary>The log category of the per-request line.</summary>
    public const string LogCategory = "Languru.Requests";

    /// <summary>The span attribute and log scope that carry the request id.</summary>
    public const string RequestIdAttribute = "languru.request_id";

    private const int ClientClosedRequest = 499;

    private static readonly Func<ILogger, string, IDisposable?> RequestScope = LoggerMessage.DefineScope<string>("XRequestId:{XRequestId}");

    private readonly ILogger _logger = loggers.CreateLogger(LogCategory);

    public async Task InvokeAsync(HttpContext context)
    {
        if (IsProbe(context.Request.Path))
        {
            await next(context);
            return;
        }

        var started = timeProvider.GetTimestamp();
        var record = new RequestRecord();
        RequestRecord.Current = record;
        context.Features.Set(record);
        var requestId = context.TraceIdentifier;
        Activity.Current?.SetTag(RequestIdAttribute, requestId);
        using var scope = RequestScope(_logger, requestId);
        try
        {
            await next(context);
        }
        finally
        {
            End(context, record, started);
        }
    }

    /// <summary>Health probes and metric scrapes: frequent, and not what operators want a line for.</summary>
    public static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    private void End(HttpContext context, RequestRecord record, long started)
    {
        record.KeyName ??= context.GetApiKeyName();

        var status = context.RequestAborted.IsCancellationRequested ? ClientClosedRequest : context.Response.StatusCode;
        var outcome = Outcome(status, record);
        var failedStatus = record.StreamErrorStatus ?? (status >= 400 ? status : null);
        var firstToken = record.Stream && record.FirstTokenTimestamp != 0 ? timeProvider.GetElapsedTime(started, record.FirstTokenTimestamp) : (TimeSpan?)null;
        var summary = new RequestSummary(
            record,
            (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "",
            outcome == Outcomes.ClientError ? "" : record.RequestedModel ?? "",
            outcome,
            failedStatus?.ToString(CultureInfo.InvariantCulture),
            timeProvider.GetElapsedTime(started),
            firstToken);
        metrics.RequestEnded(summary);

        if (Activity.Current is { IsAllDataRequested: true } activity)
        {
            activity.SetTag("languru.outcome", outcome);
            activity.SetTag("languru.key", record.KeyName);
            activity.SetTag("languru.route", record.Route);
            activity.SetTag("languru.provider", record.Provider);
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            var durationMs = Milliseconds(summary.Duration);
            double? firstTokenMs = firstToken is { } ttft ? Milliseconds(ttft) : null;
            var path = LogText.Escape(context.Request.Path.Value ?? "");
            var model = Escaped(record.RequestedModel);
            var answeredModel = Escaped(record.Model);
            var failedTargets = Escaped(record.FailedTargets);
            LogRequest(
                _logger,
                context.TraceIdentifier,
                context.Request.Method,
                path,
                status,
                outcome,
                durationMs,
                record.KeyName,
                record.Route,
                model,
                record.RequestedProvider,
                record.Provider,
                answeredModel,
                record.Stream,
                firstTokenMs,
                record.InputTokens,
                record.OutputTokens,
                record.Retries,
                record.Fallbacks,
                failedTargets);
        }
    }

    private static string Outcome(int status, RequestRecord record) => status switch
    {
        ClientClosedRequest => Outcomes.Cancelled,
        _ when record.RateLimited => Outcomes.RateLimited,
        _ when record.StreamErrorStatus is not null => Outcomes.StreamError,
        < 400 => Outcomes.Success,
        StatusCodes.Status500InternalServerError => Outcomes.Error,
        > 500 or StatusCodes.Status429TooManyRequests => Outcomes.UpstreamError,
        _ => Outcomes.ClientError,
    };

    /// <summary>Client and upstream strings (paths, model names) escaped, so that none can forge a log line.</summary>
    private static string? Escaped(string? value) => value is null ? null : LogText.Escape(value);

    private static double Milliseconds(TimeSpan duration) => Math.Round(duration.TotalMilliseconds, 2);

    [LoggerMessage(EventId = 400, EventName = "RequestServed", Level = LogLevel.Information,
        Message = "{Method} {Path} {Status} {Outcome} in {DurationMs} ms; request {RequestId}, key {KeyName}, route {Route}, " +
            "model {Model} at {Provider}, answered by {AnsweredProvider} as {AnsweredModel}, stream {Stream}, first token {TimeToFirstTokenMs} ms, " +
            "tokens {InputTokens} in {OutputTokens} out, retries {Retries}, fallbacks {Fallbacks} after {FailedTargets}")]
    private static partial void LogRequest(
        ILogger logger,
        string requestId,
        string method,
        string path,
        int status,
        string outcome,
        double durationMs,
        string? keyName,
        string? route,
        string? model,
        string? provider,
        string? answeredProvider,
        string? answeredModel,
        bool stream,
        double? timeToFirstTokenMs,
        long inputTokens,
        long outputTokens,
        int retries,
        int fallbacks,
        string? failedTargets);
}

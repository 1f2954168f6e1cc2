using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Languru.Api.Access;
using Languru.Api.Limits;
using Languru.Api.Telemetry;
using Languru.Providers.Resilience;
using Languru.Providers.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Languru.Bench.Micro;

/// <summary>
/// What the features users run add to one request, outside the provider call: the rate limits (an API key with
/// requests and tokens per minute: admission, the usage report, the end) and the request telemetry (the record, the
/// <c>Languru</c> meter's measurements exported through OpenTelemetry's SDK, and the <c>Languru.Requests</c> line at
/// Information, formatted by a logger that then discards it, as a console would format it).
/// </summary>
[MemoryDiagnoser]
public class RequestFeaturesBenchmarks
{
    private static readonly UsageDetails Usage = new() { InputTokenCount = 9, OutputTokenCount = 9, TotalTokenCount = 18 };

    private RateLimitGate _gate = null!;
    private RequestTelemetryMiddleware _telemetry = null!;
    private MeterProvider _meters = null!;
    private ServiceProvider _services = null!;
    private ClaimsPrincipal _user = null!;

    [GlobalSetup]
    public void Setup()
    {
        var access = new AccessOptions();
        access.Keys["bench"] = new ApiKeyOptions { Key = "sk-bench", RequestsPerMinute = 100_000_000, TokensPerMinute = 100_000_000_000 };
        var keys = new ApiKeyTable(Options.Create(access), new ConfigurationBuilder().Build());
        _gate = new RateLimitGate(new InMemoryRateLimitCounters(), keys, Options.Create(new LimitsOptions()), TimeProvider.System, NullLogger<RateLimitGate>.Instance);
        _user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench")], ApiKeyDefaults.AuthenticationScheme));

        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _meters = CumulativeMetrics.Start(GatewayMetrics.MeterName);
        var metrics = new GatewayMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var loggers = LoggerFactory.Create(b => b.AddProvider(new FormattingLoggerProvider()).SetMinimumLevel(LogLevel.Information));
        _telemetry = new RequestTelemetryMiddleware(Served, metrics, TimeProvider.System, loggers);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _meters.Dispose();
        _services.Dispose();
    }

    /// <summary>Admission, one usage report, the end of the request (the concurrency slot and the token correction).</summary>
    [Benchmark]
    public async Task<int> Limits()
    {
        var context = new DefaultHttpContext { User = _user };
        var refused = await _gate.AdmitAsync(context, new RequestCost(1, 40), CancellationToken.None);
        var admission = context.Features.Get<RateLimitAdmission>()!;
        await admission.ReportAsync(Usage, CancellationToken.None);
        await admission.DisposeAsync();
        return refused is null ? context.Response.StatusCode : 0;
    }

    /// <summary>The request record, metrics and log line around a request that a provider answered.</summary>
    [Benchmark]
    public async Task<int> Telemetry()
    {
        var context = new DefaultHttpContext { User = _user };
        context.Request.Method = "POST";
        context.Request.Path = "/v1/chat/completions";
        context.TraceIdentifier = "req_0123456789abcdef";
        await _telemetry.InvokeAsync(context);
        return context.Response.StatusCode;
    }

    private static Task Served(HttpContext context)
    {
        var record = RequestRecord.Current!;
        record.Routed(new RouteOutcome("gpt-4o-mini", null), "bench-json", isAlias: false);
        record.Answered("bench-json", "gpt-4o-mini-2024-07-18");
        record.AddUsage(Usage);
        return Task.CompletedTask;
    }

    /// <summary>Formats every entry, as the console logger does before it queues the text, then drops it.</summary>
    private sealed class FormattingLoggerProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new FormattingLogger();

        public void Dispose()
        {
        }

        private sealed class FormattingLogger : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                GC.KeepAlive(formatter(state, exception));
        }
    }
}

using Microsoft.Extensions.Logging;

namespace Languru.Tests.Api.Logging;

/// <summary>The entries the console logger tests write: an information line, a warning with an exception, an error.</summary>
internal static partial class ConsoleLogEntries
{
    public const string Category = "Languru.Requests";

    /// <summary>A thrown exception (so that it has a stack trace), the same one for every logger compared.</summary>
    public static readonly InvalidOperationException Failure = Thrown();

    /// <summary>A request line with a scope, a warning with an exception and an error, as one request might log them.</summary>
    public static void Write(ILoggerFactory factory)
    {
        var logger = factory.CreateLogger(Category);
        using (logger.BeginScope(new Dictionary<string, object?> { ["XRequestId"] = "req-1" }))
        {
            Served(logger, "POST", "/v1/chat/completions", 200, 812.4, "café ✓ \u001b[31mred");
            UpstreamFailed(logger, Failure, "openai");
            Broken(logger, "gpt-4o");
        }

        Served(logger, "GET", "/v1/models", 200, 1.25, null);
    }

    [LoggerMessage(EventId = 400, EventName = "RequestServed", Level = LogLevel.Information, Message = "{Method} {Path} {Status} in {DurationMs} ms; key {KeyName}")]
    public static partial void Served(ILogger logger, string method, string path, int status, double durationMs, string? keyName);

    [LoggerMessage(EventId = 410, Level = LogLevel.Warning, Message = "Provider {Provider} failed")]
    public static partial void UpstreamFailed(ILogger logger, Exception exception, string provider);

    [LoggerMessage(EventId = 420, Level = LogLevel.Error, Message = "Model {Model} is broken")]
    public static partial void Broken(ILogger logger, string model);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "thread {Thread} entry {Entry}")]
    public static partial void Numbered(ILogger logger, int thread, int entry);

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("upstream said no");
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }
}

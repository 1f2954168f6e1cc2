using System.Text;
using BenchmarkDotNet.Attributes;
using Languru.Api.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Languru.Bench.Micro;

/// <summary>
/// One request line (the shape of <c>Languru.Requests</c>' <c>RequestServed</c>, about 330 characters with the simple
/// formatter) through Microsoft's console logger and through the batching one, as the calling thread pays for it.
/// Microsoft's writes into a writer like <c>Console.Out</c> (256-character buffer, auto-flush) over a null stream, the
/// batching one into a null stream: no system calls, so what is left is the formatting, the hand-off and the queue.
/// </summary>
[MemoryDiagnoser]
public partial class ConsoleLoggingBenchmarks
{
    private ServiceProvider _services = null!;
    private ConsoleLoggerProvider _library = null!;
    private BatchingConsoleLoggerProvider _batching = null!;
    private ILogger _libraryLogger = null!;
    private ILogger _batchingLogger = null!;
    private LoggerFactory _libraryFactory = null!;
    private LoggerFactory _batchingFactory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddLogging(b => b.AddConsole()).BuildServiceProvider();
        var options = _services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>();
        var formatters = _services.GetServices<ConsoleFormatter>().ToList();

        // Microsoft's logger takes Console.Out when it is created.
        var saved = Console.Out;
        Console.SetOut(new StreamWriter(Stream.Null, new UTF8Encoding(false), 256) { AutoFlush = true });
        _library = new ConsoleLoggerProvider(options, formatters);
        Console.SetOut(saved);
        _batching = new BatchingConsoleLoggerProvider(options, formatters, new ConsoleBatchWriter(Stream.Null, Stream.Null, new UTF8Encoding(false), ConsoleBatchWriter.DefaultDelay));

        _libraryFactory = new LoggerFactory([_library]);
        _batchingFactory = new LoggerFactory([_batching]);
        _libraryLogger = _libraryFactory.CreateLogger("Languru.Requests");
        _batchingLogger = _batchingFactory.CreateLogger("Languru.Requests");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _libraryFactory.Dispose();
        _batchingFactory.Dispose();
        _library.Dispose();
        _batching.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void Library() => Line(_libraryLogger);

    [Benchmark]
    public void Batching() => Line(_batchingLogger);

    private static void Line(ILogger logger) =>
        Served(logger, "req_4f2a9c1e7b3d4a6f8e0c2b1a", "POST", "/v1/chat/completions", 200, "success", 812.4, null, null, "default", "echo", "echo", "echo",
            false, null, 9, 9, 0, 0, null);

    [LoggerMessage(EventId = 400, EventName = "RequestServed", Level = LogLevel.Information,
        Message = "{Method} {Path} {Status} {Outcome} in {DurationMs} ms; request {RequestId}, key {KeyName}, route {Route}, " +
            "model {Model} at {Provider}, answered by {AnsweredProvider} as {AnsweredModel}, stream {Stream}, first token {TimeToFirstTokenMs} ms, " +
            "tokens {InputTokens} in {OutputTokens} out, retries {Retries}, fallbacks {Fallbacks} after {FailedTargets}")]
    private static partial void Served(ILogger logger, string requestId, string method, string path, int status, string outcome, double durationMs,
        string? keyName, string? route, string? model, string? provider, string? answeredProvider, string? answeredModel, bool stream,
        double? timeToFirstTokenMs, long inputTokens, long outputTokens, int retries, int fallbacks, string? failedTargets);
}

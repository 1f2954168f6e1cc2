using Microsoft.Extensions.Logging.Abstractions;

namespace Languru.Api.Logging;

/// <summary>
/// One category's logger: formats each entry on the calling thread with the provider's current
/// <see cref="Microsoft.Extensions.Logging.Console.ConsoleFormatter"/> (into a per-thread buffer, as Microsoft's console
/// logger does) and queues the text for <see cref="ConsoleBatchWriter"/>.
/// </summary>
internal sealed class BatchingConsoleLogger(string category, BatchingConsoleLoggerProvider provider) : ILogger
{
    // The library's limit too: a thread's buffer that grew for a long entry does not stay large.
    private const int KeptCapacity = 1024;

    [ThreadStatic]
    private static StringWriter? _text;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(formatter);
        var writer = _text ??= new StringWriter(System.Globalization.CultureInfo.CurrentCulture);
        var text = writer.GetStringBuilder();
        try
        {
            var options = provider.Options;
            provider.Formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), provider.ScopeProvider, writer);
            if (text.Length > 0)
            {
                provider.Writer.Enqueue(text, logLevel >= options.LogToStandardErrorThreshold, options.MaxQueueLength, options.QueueFullMode);
            }
        }
        finally
        {
            text.Clear();
            if (text.Capacity > KeptCapacity)
            {
                text.Capacity = KeptCapacity;
            }
        }
    }

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => provider.ScopeProvider?.Push(state);
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Languru.Api.Logging;

/// <summary>
/// Microsoft's console logger without a thread wake-up and two writes per entry: the same formatters (those
/// <c>AddConsole</c> registers, chosen by <see cref="ConsoleLoggerOptions.FormatterName"/>, with their options and the
/// scopes), the same <see cref="ConsoleLoggerOptions.LogToStandardErrorThreshold"/>, <c>MaxQueueLength</c> and
/// <c>QueueFullMode</c>, and so the same bytes, written in batches by <see cref="ConsoleBatchWriter"/>. Its alias
/// <c>Console</c> keeps <c>Logging:Console:LogLevel</c> applying. <see cref="ConsoleLoggingExtensions"/> decides when it
/// replaces Microsoft's provider.
/// </summary>
[ProviderAlias("Console")]
internal sealed class BatchingConsoleLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentDictionary<string, BatchingConsoleLogger> _loggers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConsoleFormatter> _formatters;
    private readonly IDisposable? _reload;
    private volatile ConsoleLoggerOptions _options;
    private volatile ConsoleFormatter _formatter;
    private volatile IExternalScopeProvider? _scopeProvider;

    public BatchingConsoleLoggerProvider(IOptionsMonitor<ConsoleLoggerOptions> options, IEnumerable<ConsoleFormatter> formatters, ConsoleBatchWriter writer)
    {
        _formatters = Formatters(formatters);
        Writer = writer;
        _options = options.CurrentValue;
        _formatter = Select(_options, _formatters) ?? throw new InvalidOperationException("No console formatter is registered for the console logger's settings.");
        _reload = options.OnChange(Reload);
    }

    public ConsoleBatchWriter Writer { get; }

    public ConsoleLoggerOptions Options => _options;

    public ConsoleFormatter Formatter => _formatter;

    public IExternalScopeProvider? ScopeProvider => _scopeProvider;

    /// <summary>The formatters by name, case-insensitively; the first of a name wins, as in Microsoft's provider.</summary>
    public static Dictionary<string, ConsoleFormatter> Formatters(IEnumerable<ConsoleFormatter> formatters)
    {
        var byName = new Dictionary<string, ConsoleFormatter>(StringComparer.OrdinalIgnoreCase);
        foreach (var formatter in formatters)
        {
            byName.TryAdd(formatter.Name, formatter);
        }

        return byName;
    }

    /// <summary>
    /// The formatter Microsoft's provider uses for <paramref name="options"/>: the one named by
    /// <see cref="ConsoleLoggerOptions.FormatterName"/>, else <c>systemd</c> for the obsolete <c>Format=Systemd</c>,
    /// else <c>simple</c>; null when that one is not registered.
    /// </summary>
    public static ConsoleFormatter? Select(ConsoleLoggerOptions options, IReadOnlyDictionary<string, ConsoleFormatter> formatters)
    {
        if (options.FormatterName is { } name && formatters.TryGetValue(name, out var named))
        {
            return named;
        }

#pragma warning disable CS0618 // The obsolete Format still picks the fallback formatter in Microsoft's provider.
        var fallback = options.Format == ConsoleLoggerFormat.Systemd ? ConsoleFormatterNames.Systemd : ConsoleFormatterNames.Simple;
#pragma warning restore CS0618
        return formatters.GetValueOrDefault(fallback);
    }

    public ILogger CreateLogger(string categoryName) =>
        _loggers.TryGetValue(categoryName, out var logger) ? logger : _loggers.GetOrAdd(categoryName, name => new BatchingConsoleLogger(name, this));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopeProvider = scopeProvider;

    /// <summary>Writes everything queued (the last lines of a stopping gateway), then stops the writer.</summary>
    public void Dispose()
    {
        _reload?.Dispose();
        Writer.Dispose();
    }

    private void Reload(ConsoleLoggerOptions options)
    {
        _formatter = Select(options, _formatters) ?? _formatter;
        _options = options;
    }
}

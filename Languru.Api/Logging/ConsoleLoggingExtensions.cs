using Languru.Providers.Configuration;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Languru.Api.Logging;

/// <summary>Registers the batching console logger in place of Microsoft's (<c>Languru:Logging</c>).</summary>
internal static class ConsoleLoggingExtensions
{
    /// <summary>
    /// Replaces the console logger that the default builder added (its formatters and options stay) with one that
    /// chooses, once the services are built, between <see cref="BatchingConsoleLoggerProvider"/> and Microsoft's
    /// <see cref="ConsoleLoggerProvider"/> (see <see cref="Batches"/>). Without a console logger (cleared providers),
    /// nothing is added.
    /// </summary>
    public static ILoggingBuilder AddLanguruConsole(this ILoggingBuilder logging)
    {
        var services = logging.Services;
        var replaced = false;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i] is { ServiceType: var type, IsKeyedService: false } descriptor && type == typeof(ILoggerProvider)
                && descriptor.ImplementationType == typeof(ConsoleLoggerProvider))
            {
                services.RemoveAt(i);
                replaced = true;
            }
        }

        if (replaced)
        {
            services.AddOptions<ConsoleLoggingOptions>().BindCheckedConfiguration(ConsoleLoggingOptions.Section).ValidateOnStart();
            services.AddSingleton<ILoggerProvider>(Create);
        }

        return logging;
    }

    /// <summary>
    /// Whether the console log is batched: when <see cref="ConsoleLoggingOptions.BatchConsole"/> allows it, stdout is
    /// redirected (a terminal keeps Microsoft's logger: a human watches, lines appear at once, and colours and the
    /// terminal's own handling stay the library's), the platform is not Windows (whose console logger strips colour
    /// codes when the console cannot show them), and the library would format with the options the formatter has
    /// (with <c>FormatterName</c> unset, Microsoft's provider formats with the obsolete <c>Logging:Console</c>
    /// <c>IncludeScopes</c>, <c>TimestampFormat</c>, <c>UseUtcTimestamp</c>, <c>DisableColors</c> and <c>Format</c>
    /// instead of <c>Logging:Console:FormatterOptions</c>; when the two differ it keeps its own provider).
    /// </summary>
    internal static bool Batches(bool enabled, bool outputRedirected, bool windows, ConsoleLoggerOptions console,
        SimpleConsoleFormatterOptions simple, IReadOnlyDictionary<string, ConsoleFormatter> formatters) =>
        enabled && outputRedirected && !windows
        && BatchingConsoleLoggerProvider.Select(console, formatters) is not null
        && (console.FormatterName is not null || FormatsAsObsoleteSettingsSay(console, simple));

#pragma warning disable CS0618 // The obsolete settings are what Microsoft's provider applies when FormatterName is unset.
    private static bool FormatsAsObsoleteSettingsSay(ConsoleLoggerOptions console, SimpleConsoleFormatterOptions simple) =>
        console.Format == ConsoleLoggerFormat.Default
        && simple.ColorBehavior == (console.DisableColors ? LoggerColorBehavior.Disabled : LoggerColorBehavior.Default)
        && simple.IncludeScopes == console.IncludeScopes
        && simple.TimestampFormat == console.TimestampFormat
        && simple.UseUtcTimestamp == console.UseUtcTimestamp
        && !simple.SingleLine;
#pragma warning restore CS0618

    private static ILoggerProvider Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>();
        var formatters = services.GetServices<ConsoleFormatter>().ToList();
        var simple = services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue;
        return Batches(Enabled(services), Console.IsOutputRedirected, OperatingSystem.IsWindows(), options.CurrentValue, simple, BatchingConsoleLoggerProvider.Formatters(formatters))
            ? new BatchingConsoleLoggerProvider(options, formatters, ConsoleBatchWriter.ForStandardStreams())
            : new ConsoleLoggerProvider(options, formatters);
    }

    private static bool Enabled(IServiceProvider services)
    {
        try
        {
            return services.GetRequiredService<IOptions<ConsoleLoggingOptions>>().Value.BatchConsole;
        }
        catch (OptionsValidationException)
        {
            return true; // the start-up check reports the setting, with every other problem
        }
    }
}

namespace Languru.Api.Logging;

/// <summary>How the gateway writes its console log (<c>Languru:Logging</c>); see docs/observability.md.</summary>
public sealed class ConsoleLoggingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Languru:Logging";

    /// <summary>
    /// Whether the console log is written in batches (default <c>true</c>): the same bytes as Microsoft's console
    /// logger, formatted on the logging thread, gathered by one background thread and written with one system call per
    /// batch instead of a thread wake-up and about two writes per entry. Applies only where the output is redirected
    /// (containers, services, CI) on Linux and macOS; a terminal, Windows, or the obsolete <c>Logging:Console</c>
    /// format settings keep Microsoft's own console logger. <c>false</c> keeps it everywhere.
    /// </summary>
    public bool BatchConsole { get; set; } = true;
}

using System.Text;
using Languru.Api.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Languru.Tests.Api.Logging;

/// <summary>
/// Console loggers configured as the gateway configures them (<c>AddConsole</c> with <c>Logging</c> settings): Microsoft's
/// provider writing into captured <c>Console.Out</c>/<c>Console.Error</c>, and the batching provider writing into memory.
/// </summary>
internal sealed class ConsoleLogFixtures : IDisposable
{
    private readonly ServiceProvider _services;

    public ConsoleLogFixtures(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"Logging:Console:{s.Key}", s.Value)))
            .Build();
        _services = new ServiceCollection()
            .AddLogging(b => b.AddConfiguration(configuration.GetSection("Logging")).AddConsole())
            .BuildServiceProvider();
    }

    public IOptionsMonitor<ConsoleLoggerOptions> Options => _services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>();

    public IEnumerable<ConsoleFormatter> Formatters => _services.GetServices<ConsoleFormatter>();

    public SimpleConsoleFormatterOptions SimpleOptions => _services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue;

    /// <summary>What Microsoft's console logger writes to stdout and stderr for the entries <paramref name="log"/> makes.</summary>
    public (string Out, string Error) Library(Action<ILoggerFactory> log)
    {
        var (savedOut, savedError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            using (var provider = new ConsoleLoggerProvider(Options, Formatters))
            using (var factory = Factory(provider))
            {
                log(factory);
            }

            return (output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(savedOut);
            Console.SetError(savedError);
        }
    }

    /// <summary>What the batching logger writes (UTF-8) for the entries <paramref name="log"/> makes, once disposed.</summary>
    public (byte[] Out, byte[] Error) Batching(Action<ILoggerFactory> log)
    {
        using var output = new MemoryStream();
        using var error = new MemoryStream();
        using (var provider = Batching(new ConsoleBatchWriter(output, error, Encoding.UTF8, ConsoleBatchWriter.DefaultDelay)))
        using (var factory = Factory(provider))
        {
            log(factory);
        }

        return (output.ToArray(), error.ToArray());
    }

    public BatchingConsoleLoggerProvider Batching(ConsoleBatchWriter writer) => new(Options, Formatters, writer);

    public static ILoggerFactory Factory(ILoggerProvider provider) =>
        new LoggerFactory([provider], new LoggerFilterOptions { MinLevel = LogLevel.Trace });

    public void Dispose() => _services.Dispose();
}

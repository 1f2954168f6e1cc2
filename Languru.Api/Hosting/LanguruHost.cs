using System.Reflection;
using System.Text.RegularExpressions;
using Languru.Providers.Routing;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace Languru.Api.Hosting;

/// <summary>
/// Runs the gateway and, when it cannot start, says why in a few plain lines on stderr and exits with 1: every
/// configuration problem on its own line (all of them), or the address that is taken. No stack traces for mistakes
/// in settings. A program that hosts the gateway itself (<c>WebApplicationFactory</c> in the tests) gets the
/// exception instead.
/// </summary>
internal static partial class LanguruHost
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private static volatile bool s_started;

    /// <summary>
    /// Keeps the host's own "Hosting failed to start" error (a stack trace) off the console until the gateway has
    /// started: <see cref="RunLanguru"/> reports start-up failures itself. Later host errors (a faulted background
    /// service) are logged as usual.
    /// </summary>
    public static ILoggingBuilder QuietStartupFailures(this ILoggingBuilder logging) =>
        logging.AddFilter(HostCategory, level => level >= LogLevel.Warning && (level != LogLevel.Error || s_started));

    /// <summary>
    /// The content root is the gateway's own folder, not the working directory, so that its appsettings.json is found
    /// wherever it is started from (<c>dotnet path/to/Languru.Api.dll</c>); <c>--contentRoot</c> or
    /// <c>ASPNETCORE_CONTENTROOT</c> still choose another.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[WebHostDefaults.ContentRootKey];
        return new WebApplicationOptions { Args = args, ContentRootPath = string.IsNullOrEmpty(given) ? AppContext.BaseDirectory : null };
    }

    public static int RunLanguru(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() => s_started = true);
        try
        {
            // Every ValidateOnStart check, before anything listens, so that configuration problems come out together.
            app.Services.GetService<IStartupValidator>()?.Validate();

            // Create the providers now rather than on the first request, so that what they report comes at start-up.
            app.Services.GetRequiredService<IModelRouter>();
            app.Run();
            return 0;
        }
        catch (Exception ex) when (Assembly.GetEntryAssembly() == typeof(LanguruHost).Assembly)
        {
            Console.Error.WriteLine(Describe(ex));
            return 1;
        }
    }

    /// <summary>What to tell the person starting the gateway.</summary>
    internal static string Describe(Exception exception)
    {
        var problems = ConfigurationProblems(exception);
        if (problems.Count > 0)
        {
            return string.Join('\n', [
                $"Languru cannot start: {problems.Count} configuration problem{(problems.Count == 1 ? "" : "s")}:",
                .. problems.Select(p => "  " + p),
                "Settings come from appsettings.json, environment variables (Languru__Providers__echo__DeltaDelay) and the command line (--Languru:Providers:echo:DeltaDelay=…); see docs/configuration.md.",
            ]);
        }

        if (exception is IOException { InnerException: AddressInUseException })
        {
            var address = EndpointInUse().Match(exception.Message) is { Success: true } match ? match.Groups["address"].Value : "the address";
            return $"Languru cannot start: {address} is already in use by another program. Stop that program, or pick another address with --urls (e.g. --urls http://localhost:8001) or ASPNETCORE_URLS.";
        }

        return $"Languru cannot start: {exception}";
    }

    private static List<string> ConfigurationProblems(Exception exception)
    {
        IEnumerable<Exception> all = exception is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [exception];
        var failures = all.OfType<OptionsValidationException>().SelectMany(e => e.Failures).Distinct().ToList();

        // A value bound by code that does not use BindCheckedConfiguration still throws the binder's own message.
        failures.AddRange(all.Where(e => e is InvalidOperationException && e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
            .Select(e => e.Message));
        return failures;
    }

    [GeneratedRegex(@"address (?<address>\S+?): address already in use", RegexOptions.CultureInvariant)]
    private static partial Regex EndpointInUse();
}

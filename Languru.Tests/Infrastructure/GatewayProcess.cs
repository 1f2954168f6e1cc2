using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Languru.Tests.Infrastructure;

/// <summary>
/// The gateway as users run it: its own process (the built <c>Languru.Api.dll</c>) on 127.0.0.1 and a free port,
/// for what only a real process shows (signals, exit codes). Killed, by its own id, if a test leaves it running.
/// </summary>
public sealed partial class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GatewayProcess(Process process)
    {
        _process = process;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Everything the process wrote so far (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The built gateway, as <c>dotnet Languru.Api.dll</c> runs it.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "Languru.Api.dll");

    /// <summary>
    /// Hermetic, as in LanguruFactory: no real keys, upstreams or addresses from the developer's environment; then
    /// <paramref name="settings"/> (e.g. <c>Languru__Providers__echo__Enabled=false</c>).
    /// </summary>
    public static Dictionary<string, string> Environment(params (string Name, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["OPENAI_API_KEY"] = "",
            ["OPENAI_BASE_URL"] = "",
            ["OLLAMA_HOST"] = "",
            ["ASPNETCORE_URLS"] = "",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>Starts the gateway with these command-line settings and waits until it listens.</summary>
    public static Task<GatewayProcess> StartAsync(params string[] settings) => StartAsync(settings, Environment(), AppContext.BaseDirectory);

    /// <summary>Starts the gateway with these command-line settings, environment and working directory; waits until it listens.</summary>
    public static async Task<GatewayProcess> StartAsync(string[] settings, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Dll);
        foreach (var argument in (string[])["--urls=http://127.0.0.1:0", .. settings])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var gateway = new GatewayProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the gateway."));
        gateway._process.OutputDataReceived += (_, e) => gateway.Received(e.Data);
        gateway._process.ErrorDataReceived += (_, e) => gateway.Received(e.Data);
        gateway._process.BeginOutputReadLine();
        gateway._process.BeginErrorReadLine();
        try
        {
            gateway.BaseAddress = await gateway._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            await gateway.DisposeAsync();
            throw new TimeoutException("The gateway did not start listening:\n" + gateway.Output);
        }

        return gateway;
    }

    /// <summary>Waits until the output contains <paramref name="text"/> (e.g. a line of the start-up summary, logged just after listening).</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The gateway never wrote '{text}':\n{Output}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Sends a signal (e.g. <c>TERM</c>) to the process, as an orchestrator would.</summary>
    public async Task SignalAsync(string signal)
    {
        var (exitCode, _, stderr) = await ProcessRunner.RunAsync("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.That(exitCode, Is.Zero, stderr);
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}

using System.Diagnostics;
using System.Text;

namespace Languru.Tests.Infrastructure;

/// <summary>Runs a program to completion (bounded in time) and returns its exit code and output.</summary>
public static class ProcessRunner
{
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var start = StartInfo(fileName, arguments, workingDirectory, environment);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in time.\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Runs a program until it exits or a line of its standard output matches <paramref name="until"/>, then stops it
    /// (by its own process id); <paramref name="whileRunning"/> runs in between, e.g. to call a server it started.
    /// Returns the exit code (null when it was stopped) and the output so far.
    /// </summary>
    public static async Task<(int? ExitCode, string StdOut, string StdErr)> RunUntilAsync(
        string fileName,
        IEnumerable<string> arguments,
        Func<string, bool> until,
        Func<string, Task>? whileRunning = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var start = StartInfo(fileName, arguments, workingDirectory, environment);
        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var matched = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stdout)
            {
                stdout.AppendLine(e.Data);
            }

            if (until(e.Data))
            {
                matched.TrySetResult(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(matched.Task, exited).WaitAsync(timeout ?? TimeSpan.FromMinutes(1));
            if (first == matched.Task && whileRunning is not null)
            {
                await whileRunning(await matched.Task);
            }
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} printed no matching line in time.\n{stdout}\n{stderr}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }

        return (matched.Task.IsCompleted ? null : process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    private static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string? workingDirectory, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public static Task<(int ExitCode, string StdOut, string StdErr)> NodeAsync(string script, params string[] arguments) =>
        RunAsync("node", [script, .. arguments], Path.GetDirectoryName(script));

    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, .. parts]);
}

using System.Diagnostics;

namespace Languru.Tests.Infrastructure;

/// <summary>Runs a node script and returns its exit code and output. Node comes from the PATH (.ci/run ensures it).</summary>
public static class NodeRunner
{
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {Path.GetFileName(script)} did not finish within a minute.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, .. parts]);
}

using System.Diagnostics;
using System.Globalization;

namespace Languru.Tests.Infrastructure;

/// <summary>
/// A real nginx (Debian's <c>nginx-light</c>; <c>.ci/run</c> installs it) running <c>deploy/nginx.conf</c> as
/// <c>deploy/local.sh check</c> renders it (which also runs <c>nginx -t</c> on it), on 127.0.0.1 and a free port, in
/// front of the given gateway ports. Killed (master and workers) by its own process id when disposed.
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _runDir;

    private NginxProcess(Process process, string runDir, int port)
    {
        _process = process;
        _runDir = runDir;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public Uri BaseAddress { get; }

    /// <summary>Renders the configuration for <paramref name="instancePorts"/>, checks it, starts nginx and waits until it answers.</summary>
    public static async Task<NginxProcess> StartAsync(params int[] instancePorts)
    {
        ClientTools.Require(Executable, "apt-get install nginx-light");
        var runDir = Directory.CreateTempSubdirectory("languru-nginx-").FullName;
        var port = LoopbackPort.Free();
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("bash", [Repo.Path("deploy", "local.sh"), "check"], Repo.Root, new Dictionary<string, string>
        {
            ["RUN_DIR"] = runDir,
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["INSTANCE_PORTS"] = string.Join(' ', instancePorts),
        });
        Assert.That(exit, Is.Zero, $"deploy/local.sh check failed:\n{stdout}\n{stderr}");

        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-e", "stderr", "-c", Path.Combine(runDir, "nginx.conf"), "-p", runDir + "/", "-g", "daemon off;"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start nginx.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var nginx = new NginxProcess(process, runDir, port);
        await nginx.WaitUntilListeningAsync();
        return nginx;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // The workers too: a worker that outlives its master keeps the port and the output pipes open.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_runDir, recursive: true);
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, BaseAddress.Port);
                return;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }
}

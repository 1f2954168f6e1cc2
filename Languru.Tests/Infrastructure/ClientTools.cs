namespace Languru.Tests.Infrastructure;

/// <summary>
/// The client-side tools the client tests run: node with the pinned npm packages of <c>clients/</c> (installed here on
/// first use if missing: <c>npm ci</c>), the .NET tools of <c>.config/dotnet-tools.json</c> (NSwag; restored on first
/// use: <c>dotnet tool restore</c>), Debian's python3 with <c>requests</c>, and Debian's Chromium. <c>.ci/run</c>
/// installs the Debian packages; a missing one fails the test with the command to run.
/// </summary>
public static class ClientTools
{
    private static readonly SemaphoreSlim NpmLock = new(1, 1);
    private static readonly Lazy<Task> DotnetTools = new(RestoreDotnetToolsAsync);

    public static string ClientsDir => Repo.Path("clients");

    public static string NodeModules => Repo.Path("clients", "node_modules");

    /// <summary>Debian's python3, which python3-requests installs into (a pyenv python3 on the PATH would not have it).</summary>
    public const string Python = "/usr/bin/python3";

    public const string Chromium = "/usr/bin/chromium";

    public static async Task EnsureNpmPackagesAsync()
    {
        await NpmLock.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(NodeModules, ".package-lock.json")))
            {
                return;
            }

            var (exit, stdout, stderr) = await ProcessRunner.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], ClientsDir, timeout: TimeSpan.FromMinutes(5));
            Assert.That(exit, Is.Zero, $"npm ci in clients/ failed:\n{stdout}\n{stderr}");
        }
        finally
        {
            NpmLock.Release();
        }
    }

    /// <summary>Restores the repository's .NET tools, once per test run (quick when they are already in the NuGet cache).</summary>
    public static Task EnsureDotnetToolsAsync() => DotnetTools.Value;

    private static async Task RestoreDotnetToolsAsync()
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("dotnet", ["tool", "restore"], Repo.Root, timeout: TimeSpan.FromMinutes(5));
        Assert.That(exit, Is.Zero, $"dotnet tool restore failed:\n{stdout}\n{stderr}");
    }

    public static void Require(string path, string install) =>
        Assert.That(File.Exists(path), Is.True, $"{path} is missing: {install} (.ci/run installs it).");

    /// <summary>A temporary directory whose <c>node_modules</c> is clients/node_modules, so scripts there can import the pinned packages.</summary>
    public static string ScratchDirectoryWithNodeModules()
    {
        var dir = Directory.CreateTempSubdirectory("languru-").FullName;
        Directory.CreateSymbolicLink(Path.Combine(dir, "node_modules"), NodeModules);
        return dir;
    }
}

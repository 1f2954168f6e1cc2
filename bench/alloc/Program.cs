using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// Bytes allocated per request from a dotnet-trace capture taken under steady load (bench/alloc.sh takes one):
//   dotnet run -c Release -- <file.nettrace> [stack depth, default 6] [top N, default 30]
// The GC's AllocationTick event fires about every 100 KB allocated and carries the amount since the last one, so the
// amounts add up to the total; the type and stack are those of the allocation that crossed the threshold, a sample.
// Requests are counted from ASP.NET Core hosting's Request/Stop events in the same capture.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Languru.Bench.Alloc <file.nettrace> [stack depth] [top N]");
    return 2;
}

var depth = args.Length > 1 ? int.Parse(args[1]) : 6;
var top = args.Length > 2 ? int.Parse(args[2]) : 30;
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var byComponent = new Dictionary<string, long>();
var byType = new Dictionary<string, long>();
var byStack = new Dictionary<string, long>();
long total = 0, requests = 0;
foreach (var e in log.Events)
{
    if (e.ProviderName == "Microsoft.AspNetCore.Hosting" && e.EventName is "Request/Stop" or "RequestStop")
    {
        requests++;
        continue;
    }

    if (e is not GCAllocationTickTraceData tick)
    {
        continue;
    }

    var frames = new List<string>();
    for (var frame = e.CallStack(); frame is not null; frame = frame.Caller)
    {
        if (frame.CodeAddress.FullMethodName is { Length: > 0 } name)
        {
            frames.Add(name.Split('(')[0]);
        }
    }

    var amount = tick.AllocationAmount64;
    total += amount;
    Add(byComponent, Components.Of(frames), amount);
    Add(byType, tick.TypeName, amount);
    Add(byStack, $"{tick.TypeName}  <=  {string.Join("  <  ", frames.Where(f => !Components.IsPlumbing(f)).Take(depth))}", amount);
}

Console.WriteLine($"allocated {total / 1048576.0:F1} MB over {requests} requests: {(requests > 0 ? total / 1024.0 / requests : 0):F1} KB per request");
Print("by component (the innermost frame that is not CoreLib plumbing)", byComponent, int.MaxValue);
Print("by type", byType, top);
Print("by stack", byStack, top);
return 0;

void Print(string title, Dictionary<string, long> shares, int count)
{
    Console.WriteLine($"== {title}");
    foreach (var (key, bytes) in shares.OrderByDescending(kv => kv.Value).Take(count))
    {
        Console.WriteLine($"{100.0 * bytes / total,6:F1}%  {(requests > 0 ? bytes / (double)requests : 0),7:F0} B  {key}");
    }
}

static void Add(Dictionary<string, long> shares, string key, long amount) => shares[key] = shares.GetValueOrDefault(key) + amount;

internal static class Components
{
    private static readonly string[] Plumbing =
    [
        "System.Runtime.CompilerServices", "System.Collections", "System.String", "System.Threading", "System.Linq",
        "System.Buffers", "System.Text.StringBuilder", "System.Number", "System.Array", "System.Object", "System.Runtime",
        "System.Text.Unicode", "System.Span", "System.Memory", "dynamicClass",
    ];

    // Most specific first.
    private static readonly string[] Named =
    [
        "Languru.Api.Limits", "Languru.Api.Telemetry", "Languru.Api.Logging", "Languru.Api.Mapping", "Languru.Api.Access",
        "Languru.Api.Completions", "Languru.Api.Controllers", "Languru.Api.Streaming", "Languru.Api",
        "Languru.Providers.OpenAI", "Languru.Providers.Telemetry", "Languru.Providers.Resilience", "Languru.Providers",
        "Languru.Contracts", "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization", "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore", "System.Net.Http", "System.Net", "System.Text.Json",
        "FluentValidation", "Microsoft.Extensions.AI", "OpenTelemetry", "Microsoft.Extensions.Logging",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions", "System.Diagnostics",
    ];

    public static bool IsPlumbing(string frame) => Plumbing.Any(p => frame.StartsWith(p, StringComparison.Ordinal));

    public static string Of(List<string> frames)
    {
        foreach (var frame in frames.Where(f => !IsPlumbing(f)))
        {
            return Named.FirstOrDefault(n => frame.StartsWith(n, StringComparison.Ordinal)) ?? frame;
        }

        return "(runtime)";
    }
}

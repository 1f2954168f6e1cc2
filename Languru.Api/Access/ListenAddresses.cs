using System.Net;

namespace Languru.Api.Access;

/// <summary>
/// Where the gateway is configured to listen (<c>--urls</c>/<c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>/
/// <c>HTTPS_PORTS</c>, which bind every interface, and <c>Kestrel:Endpoints</c>), and which names are loopback.
/// </summary>
internal static class ListenAddresses
{
    public static IReadOnlyList<string> Configured(IConfiguration configuration)
    {
        var addresses = new List<string>(Split(configuration["urls"]));
        addresses.AddRange(Split(configuration["http_ports"]).Select(port => $"http://*:{port}"));
        addresses.AddRange(Split(configuration["https_ports"]).Select(port => $"https://*:{port}"));
        addresses.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"])
            .OfType<string>());
        return addresses;
    }

    /// <summary>Whether a listen URL binds loopback only (<c>localhost</c>, <c>127.x.x.x</c>, <c>[::1]</c>).</summary>
    public static bool IsLoopback(string url)
    {
        try
        {
            return IsLoopbackHost(BindingAddress.Parse(url).Host);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Whether a host name (from a URL or a <c>Host</c> header, without the port) names this machine's loopback.</summary>
    public static bool IsLoopbackHost(string host)
    {
        host = host.TrimStart('[').TrimEnd(']').TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var address) && IsLoopback(address);
    }

    public static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private static string[] Split(string? value) =>
        (value ?? "").Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

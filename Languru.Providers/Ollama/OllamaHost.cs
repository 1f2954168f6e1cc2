using System.Globalization;
using System.Net;

namespace Languru.Providers.Ollama;

/// <summary>
/// Reads an Ollama address the way Ollama's own tools read <c>OLLAMA_HOST</c>: with or without a scheme
/// (<c>http</c> when none), with or without a port (11434 without a scheme, else the scheme's), an optional path.
/// </summary>
internal static class OllamaHost
{
    public const string Default = "http://127.0.0.1:11434";

    public static Uri Parse(string value)
    {
        var text = value.Trim();
        var defaultPort = "11434";
        string scheme;
        string rest;
        var separator = text.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0)
        {
            (scheme, rest) = ("http", text);
        }
        else
        {
            (scheme, rest) = (text[..separator].ToLowerInvariant(), text[(separator + 3)..]);
            defaultPort = scheme == "https" ? "443" : "80";
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var (hostPort, path) = slash < 0 ? (rest, "") : (rest[..slash], rest[slash..]);
        var (host, port) = SplitHostPort(hostPort, defaultPort);
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535)
        {
            port = defaultPort;
        }

        var bracketed = IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
        return new Uri($"{scheme}://{bracketed}:{port}{path.TrimEnd('/')}/");
    }

    private static (string Host, string Port) SplitHostPort(string hostPort, string defaultPort)
    {
        if (hostPort.Length == 0)
        {
            return ("127.0.0.1", defaultPort);
        }

        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close > 0)
            {
                var host = hostPort[1..close];
                return hostPort.Length > close + 2 && hostPort[close + 1] == ':' ? (host, hostPort[(close + 2)..]) : (host, defaultPort);
            }
        }

        var colon = hostPort.LastIndexOf(':');
        if (colon >= 0 && hostPort.IndexOf(':', StringComparison.Ordinal) == colon)
        {
            var host = hostPort[..colon];
            return (host.Length == 0 ? "127.0.0.1" : host, hostPort[(colon + 1)..]);
        }

        // A bare IPv6 address has several colons and no port.
        return (hostPort, defaultPort);
    }
}

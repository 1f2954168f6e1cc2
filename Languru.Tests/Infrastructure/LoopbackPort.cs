using System.Net;
using System.Net.Sockets;

namespace Languru.Tests.Infrastructure;

/// <summary>Loopback ports for servers that a test starts outside Kestrel (or for an address nothing listens on).</summary>
public static class LoopbackPort
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago (taken, then released).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using Languru.Api.Errors;
using Microsoft.Extensions.Options;

namespace Languru.Api.Access;

/// <summary>
/// In open mode (no API keys), keeps the gateway to this machine: a connection that arrived on a non-loopback
/// address is refused (403) unless <c>Languru:Auth:AllowAnonymous</c> is true, and a request whose <c>Host</c> is not
/// a loopback name is refused (400) unless <c>AllowedHosts</c> is set explicitly, which closes DNS rebinding: a web
/// page whose name resolves to 127.0.0.1 still sends its own name as <c>Host</c>.
/// </summary>
internal sealed class OpenModeGuard
{
    private readonly RequestDelegate _next;
    private readonly bool _active;
    private readonly bool _loopbackConnectionsOnly;
    private readonly bool _loopbackHostsOnly;

    public OpenModeGuard(RequestDelegate next, ApiKeyTable keys, IOptions<AccessOptions> options, IConfiguration configuration)
    {
        _next = next;
        _active = keys.IsOpen;
        _loopbackConnectionsOnly = !options.Value.Auth.AllowAnonymous;
        _loopbackHostsOnly = string.IsNullOrEmpty(configuration["AllowedHosts"]);
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (_active)
        {
            if (_loopbackConnectionsOnly && context.Connection.LocalIpAddress is { } local && !ListenAddresses.IsLoopback(local))
            {
                return ErrorWriter.WriteAsync(context, AccessErrors.NotLoopback(), context.RequestAborted);
            }

            var host = context.Request.Host;
            if (_loopbackHostsOnly && host.HasValue && !ListenAddresses.IsLoopbackHost(host.Host))
            {
                return ErrorWriter.WriteAsync(context, AccessErrors.HostNotAllowed(host.Host), context.RequestAborted);
            }
        }

        return _next(context);
    }
}

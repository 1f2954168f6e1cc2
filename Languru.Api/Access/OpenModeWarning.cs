using Microsoft.Extensions.Options;

namespace Languru.Api.Access;

/// <summary>Warns once at start-up when the gateway has no keys and serves beyond loopback (<c>AllowAnonymous</c>).</summary>
internal sealed partial class OpenModeWarning(
    ApiKeyTable keys, IOptions<AccessOptions> options, IConfiguration configuration, ILogger<OpenModeWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (keys.IsOpen && options.Value.Auth.AllowAnonymous && AccessOptionsValidator.Exposed(configuration).FirstOrDefault() is { } address)
        {
            LogAnonymous(logger, address);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 300, EventName = "AnonymousAccess", Level = LogLevel.Warning,
        Message = "No API key is configured and Languru:Auth:AllowAnonymous is true: anyone who can reach {Address} may call this gateway and spend its provider keys.")]
    private static partial void LogAnonymous(ILogger logger, string address);
}

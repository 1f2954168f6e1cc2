namespace Languru.Api.Hosting;

/// <summary>The gateway's default address, used only when no address is configured the standard ASP.NET ways.</summary>
internal static class DefaultUrl
{
    public const string Value = "http://localhost:8000";

    /// <summary>
    /// Listens on <see cref="Value"/> unless <c>--urls</c>, <c>ASPNETCORE_URLS</c>/<c>URLS</c>,
    /// <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c> or <c>Kestrel:Endpoints</c> say otherwise.
    /// </summary>
    public static void UseLanguruDefaultUrl(this ConfigureWebHostBuilder webHost, IConfiguration configuration)
    {
        var configured = !string.IsNullOrEmpty(configuration["urls"])
            || !string.IsNullOrEmpty(configuration["http_ports"])
            || !string.IsNullOrEmpty(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").Exists();
        if (!configured)
        {
            webHost.UseUrls(Value);
        }
    }
}

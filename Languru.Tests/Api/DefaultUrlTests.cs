using Languru.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Languru.Tests.Api;

public class DefaultUrlTests
{
    // Configuration as the host sees it: --urls and ASPNETCORE_URLS both arrive as "urls", --http_ports and
    // ASPNETCORE_HTTP_PORTS as "http_ports". An empty builder keeps the machine's own variables out of the test.
    [TestCase(null, null, "http://localhost:8000")]
    [TestCase("urls", "http://127.0.0.1:9000", "http://127.0.0.1:9000")]
    [TestCase("http_ports", "9001", null)]
    [TestCase("https_ports", "9443", null)]
    [TestCase("Kestrel:Endpoints:main:Url", "http://127.0.0.1:9002", null)]
    public void UseLanguruDefaultUrl_AppliesOnlyWhenNoAddressIsConfigured(string? key, string? value, string? expectedUrls)
    {
        // Arrange
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        if (key is not null)
        {
            builder.Configuration.AddInMemoryCollection([new(key, value)]);
        }

        // Act
        builder.WebHost.UseLanguruDefaultUrl(builder.Configuration);

        // Assert
        Assert.That(builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey), Is.EqualTo(expectedUrls));
    }
}

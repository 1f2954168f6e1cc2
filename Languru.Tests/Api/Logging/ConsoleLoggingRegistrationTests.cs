using Languru.Api.Logging;
using Languru.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Languru.Tests.Api.Logging;

/// <summary>When the gateway's console log is batched, and that the rest of the console logger's setup stays.</summary>
public class ConsoleLoggingRegistrationTests
{
    [Test]
    public void Gateway_OutputRedirected_LogsThroughTheBatchingConsoleLogger()
    {
        // Arrange
        Assume.That(Console.IsOutputRedirected && !OperatingSystem.IsWindows(), Is.True, "the test runner redirects stdout");
        using var factory = new LanguruFactory();

        // Act
        var providers = factory.Services.GetServices<ILoggerProvider>().Select(p => p.GetType()).ToList();

        // Assert
        Assert.That(providers, Does.Contain(typeof(BatchingConsoleLoggerProvider)));
        Assert.That(providers, Does.Not.Contain(typeof(ConsoleLoggerProvider)));
    }

    [Test]
    public void AddLanguruConsole_ReplacesOnlyMicrosoftsProvider_KeepsItsFormatters()
    {
        // Arrange
        var builder = WebApplication.CreateBuilder();

        // Act
        builder.Logging.AddLanguruConsole();

        // Assert
        Assert.That(builder.Services.Any(d => !d.IsKeyedService && d.ImplementationType == typeof(ConsoleLoggerProvider)), Is.False);
        Assert.That(builder.Services.Count(d => d.ServiceType == typeof(ConsoleFormatter)), Is.EqualTo(3));
    }

    [Test]
    public void AddLanguruConsole_BatchConsoleFalse_KeepsMicrosoftsProvider()
    {
        // Arrange
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Languru:Logging:BatchConsole"] = "false";
        builder.Logging.AddLanguruConsole();
        using var app = builder.Build();

        // Act
        var providers = app.Services.GetServices<ILoggerProvider>().Select(p => p.GetType()).ToList();

        // Assert
        Assert.That(providers, Does.Contain(typeof(ConsoleLoggerProvider)));
        Assert.That(providers, Does.Not.Contain(typeof(BatchingConsoleLoggerProvider)));
    }

    [Test]
    public void AddLanguruConsole_NoConsoleLogger_AddsNone()
    {
        // Arrange
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();

        // Act
        builder.Logging.AddLanguruConsole();

        // Assert
        Assert.That(builder.Services.Any(d => d.ServiceType == typeof(ILoggerProvider)), Is.False);
    }

    [TestCase(true, true, false, true, TestName = "Batches_RedirectedOutputOnLinux_True")]
    [TestCase(false, true, false, false, TestName = "Batches_BatchConsoleFalse_False")]
    [TestCase(true, false, false, false, TestName = "Batches_Terminal_False")]
    [TestCase(true, true, true, false, TestName = "Batches_Windows_False")]
    public void Batches_DefaultSettings(bool enabled, bool redirected, bool windows, bool expected)
    {
        // Arrange
        using var fixtures = new ConsoleLogFixtures();

        // Act
        var batches = Batches(fixtures, enabled, redirected, windows);

        // Assert
        Assert.That(batches, Is.EqualTo(expected));
    }

    [TestCase("FormatterName=json", "FormatterOptions:IncludeScopes=true", ExpectedResult = true, TestName = "Batches_NamedFormatterWithItsOptions_True")]
    [TestCase("FormatterName=nonesuch", "FormatterOptions:IncludeScopes=true", ExpectedResult = true, TestName = "Batches_UnknownFormatterName_True")]
    [TestCase("FormatterOptions:IncludeScopes=true", ExpectedResult = false, TestName = "Batches_FormatterOptionsWithoutFormatterName_False")]
    [TestCase("FormatterOptions:SingleLine=true", ExpectedResult = false, TestName = "Batches_SingleLineWithoutFormatterName_False")]
    [TestCase("IncludeScopes=true", ExpectedResult = false, TestName = "Batches_ObsoleteIncludeScopes_False")]
    [TestCase("Format=Systemd", ExpectedResult = false, TestName = "Batches_ObsoleteFormat_False")]
    [TestCase("IncludeScopes=true", "FormatterOptions:IncludeScopes=true", ExpectedResult = true, TestName = "Batches_ObsoleteAndFormatterOptionsAgree_True")]
    public bool Batches_FormatterSettings(params string[] settings)
    {
        // Arrange
        using var fixtures = new ConsoleLogFixtures([.. settings.Select(s => s.Split('=')).Select(p => (p[0], p[1]))]);

        // Act
        return Batches(fixtures, enabled: true, redirected: true, windows: false);
    }

    private static bool Batches(ConsoleLogFixtures fixtures, bool enabled, bool redirected, bool windows) =>
        ConsoleLoggingExtensions.Batches(enabled, redirected, windows, fixtures.Options.CurrentValue, fixtures.SimpleOptions,
            BatchingConsoleLoggerProvider.Formatters(fixtures.Formatters));
}

using Languru.Providers.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Languru.Tests.Providers.Configuration;

public class CheckedBindingTests
{
    public enum Mode
    {
        Fast,
        Safe,
    }

    public sealed class Inner
    {
        public int Count { get; set; }
    }

    public sealed class Settings
    {
        [System.ComponentModel.DataAnnotations.Range(1, 5)]
        public int Level { get; set; } = 1;

        public TimeSpan Delay { get; set; }

        public bool? Enabled { get; set; }

        public Mode Mode { get; set; }

        [ConfigurationKeyName("base_url")]
        public Uri? BaseUrl { get; set; }

        public string? Name { get; set; }

        public List<int> Ports { get; } = [];

        public Dictionary<string, Inner> Pools { get; } = [];
    }

    private static IOptionsMonitor<Settings> Options(params (string Key, string? Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create($"App:{v.Key}", v.Value)))
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddOptions<Settings>().BindCheckedConfiguration("App").Services
            .BuildServiceProvider()
            .GetRequiredService<IOptionsMonitor<Settings>>();
    }

    [Test]
    public void Get_EveryValueThatDoesNotConvert_IsReportedWithItsPathAndWhatIsExpected()
    {
        // Arrange
        var options = Options(
            ("Level", "high"), ("Delay", "banana"), ("Enabled", "maybe"), ("Mode", "Reckless"), ("base_url", "http://["),
            ("Ports:0", "80"), ("Ports:1", "eighty"), ("Ports:2", ""), ("Pools:a:Count", "x"), ("Name", "kept"));

        // Act
        var ex = Assert.Throws<OptionsValidationException>(() => _ = options.CurrentValue);

        // Assert
        Assert.That(ex!.Failures, Is.EquivalentTo(new[]
        {
            "App:Level 'high' is not a whole number.",
            "App:Delay 'banana' is not a duration: expected [d.]hh:mm:ss[.fff], e.g. 00:00:30 or 00:00:00.250.",
            "App:Enabled 'maybe' is not a boolean: expected true or false.",
            "App:Mode 'Reckless' is not one of: Fast, Safe.",
            "App:base_url 'http://[' is not a URL: expected e.g. http://127.0.0.1:11434.",
            "App:Ports:1 'eighty' is not a whole number.",
            "App:Ports:2 '' is not a whole number.",
            "App:Pools:a:Count 'x' is not a whole number.",
        }));
    }

    [Test]
    public void Get_ValidValues_AreBoundAsTheBinderBindsThem()
    {
        // Arrange
        var options = Options(
            ("Level", "3"), ("Delay", "00:00:01.5"), ("Enabled", "true"), ("Mode", "safe"), ("base_url", "http://127.0.0.1:1"),
            ("Ports:0", "80"), ("Pools:a:Count", "2"), ("Name", ""));

        // Act
        var value = options.CurrentValue;

        // Assert
        Assert.That((value.Level, value.Delay, value.Enabled, value.Mode, value.BaseUrl, value.Ports.Single(), value.Pools["a"].Count),
            Is.EqualTo((3, TimeSpan.FromSeconds(1.5), (bool?)true, Mode.Safe, new Uri("http://127.0.0.1:1"), 80, 2)));
    }

    [Test]
    public void Get_AnnotationFailure_NamesTheSettingAndItsValue()
    {
        // Arrange
        var options = Options(("Level", "9"), ("Enabled", ""), ("Name", ""));

        // Act
        var ex = Assert.Throws<OptionsValidationException>(() => _ = options.CurrentValue);

        // Assert: an empty value is null for a nullable setting, as the binder has it
        Assert.That(ex!.Failures, Is.EqualTo(new[] { "App:Level '9': The field Level must be between 1 and 5." }));
    }
}

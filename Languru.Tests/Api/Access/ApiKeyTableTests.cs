using System.Security.Cryptography;
using System.Text;
using Languru.Api.Access;
using Microsoft.Extensions.Configuration;

namespace Languru.Tests.Api.Access;

public class ApiKeyTableTests
{
    private static ApiKey[] Build(Dictionary<string, string?> settings, out IReadOnlyList<string> errors)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new AccessOptions();
        configuration.GetSection(AccessOptions.SectionName).Bind(options);
        return ApiKeyTable.BuildKeys(options, configuration, out errors);
    }

    /// <summary>A table of one key, configured as <paramref name="key"/> says.</summary>
    internal static ApiKeyTable TableOf(string name, ApiKeyOptions key)
    {
        var options = new AccessOptions();
        options.Keys[name] = key;
        return new ApiKeyTable(Microsoft.Extensions.Options.Options.Create(options), new ConfigurationBuilder().Build());
    }

    internal static string HashOf(string key) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    [Test]
    public void BuildKeys_EveryKeySource_KeepsOnlyTheDigest()
    {
        // Arrange
        var settings = new Dictionary<string, string?>
        {
            ["Languru:Keys:plain:Key"] = "sk-plain",
            ["Languru:Keys:fromenv:KeyEnvironmentVariable"] = "TEAM_KEY",
            ["TEAM_KEY"] = "sk-from-env",
            ["Languru:Keys:hashed:KeyHash"] = HashOf("sk-hashed"),
            ["LANGURU_API_KEYS"] = "sk-one, sk-two",
        };

        // Act
        var keys = Build(settings, out var errors);

        // Assert
        Assert.That(errors, Is.Empty);
        Assert.That(keys.Select(k => k.Name), Is.EquivalentTo(new[] { "plain", "fromenv", "hashed", "env-1", "env-2" }));
        Assert.That(keys.Select(k => k.Digest.Length), Has.All.EqualTo(32), "only SHA-256 digests are kept, never the key");
        Assert.That(keys.Select(k => ApiKeyDigest.Format(k.Digest)), Is.EquivalentTo(
            new[] { "sk-plain", "sk-from-env", "sk-hashed", "sk-one", "sk-two" }.Select(HashOf)));
    }

    [Test]
    public void BuildKeys_BadSettings_ListsEveryProblem()
    {
        // Arrange
        var settings = new Dictionary<string, string?>
        {
            ["Languru:Keys:both:Key"] = "sk-a",
            ["Languru:Keys:both:KeyHash"] = HashOf("sk-a"),
            ["Languru:Keys:none:RequestsPerMinute"] = "5",
            ["Languru:Keys:badhash:KeyHash"] = "md5:abc",
            ["Languru:Keys:noenv:KeyEnvironmentVariable"] = "MISSING_KEY_VARIABLE",
            ["Languru:Keys:first:Key"] = "sk-same",
            ["Languru:Keys:second:Key"] = "sk-same",
            ["Languru:Keys:limits:Key"] = "sk-limits",
            ["Languru:Keys:limits:RequestsPerMinute"] = "0",
            ["Languru:Keys:limits:TokensPerMinute"] = "-1",
            ["Languru:Keys:limits:MaxConcurrentRequests"] = "0",
            ["Languru:Keys:limits:Models:0"] = "gpt-*-mini",
        };

        // Act
        Build(settings, out var errors);

        // Assert
        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "Languru:Keys:both: set exactly one of Key, KeyEnvironmentVariable or KeyHash (sha256:<64 hex digits>).",
            "Languru:Keys:none: set exactly one of Key, KeyEnvironmentVariable or KeyHash (sha256:<64 hex digits>).",
            "Languru:Keys:badhash:KeyHash must look like sha256:<64 hex digits> (e.g. printf %s \"$KEY\" | sha256sum).",
            "Languru:Keys:noenv:KeyEnvironmentVariable: the environment variable 'MISSING_KEY_VARIABLE' is not set or empty.",
            "Languru:Keys:second: the same key as Languru:Keys:first; every key must be different.",
            "Languru:Keys:limits:RequestsPerMinute must be at least 1 (leave it unset for no limit).",
            "Languru:Keys:limits:TokensPerMinute must be at least 1 (leave it unset for no limit).",
            "Languru:Keys:limits:MaxConcurrentRequests must be at least 1 (leave it unset for no limit).",
            "Languru:Keys:limits:Models:0: 'gpt-*-mini': '*' may only end a pattern (prefix*).",
        }));
    }

    [TestCase("sk-test-key", true)]
    [TestCase("sk-test-ke", false)]
    [TestCase("sk-test-key2", false)]
    [TestCase("SK-TEST-KEY", false)]
    [TestCase("", false)]
    public void Find_ComparesDigests_MatchesOnlyTheWholeKey(string presented, bool found)
    {
        // Arrange: the key is configured by its hash only, so a match can only come from comparing digests
        var table = TableOf("team", new ApiKeyOptions { KeyHash = HashOf("sk-test-key") });

        // Act
        var key = table.Find(presented);

        // Assert
        Assert.That(key?.Name, Is.EqualTo(found ? "team" : null));
    }
}

using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace Languru.Api.Access;

/// <summary>
/// The configured API keys, built once at start-up from <c>Languru:Keys</c> and the <c>LANGURU_API_KEYS</c>
/// shorthand. No keys: the gateway is in open mode.
/// </summary>
internal sealed class ApiKeyTable
{
    /// <summary>Comma-separated keys, each added without restrictions as <c>env-1</c>, <c>env-2</c>, ….</summary>
    public const string ShorthandVariable = "LANGURU_API_KEYS";

    private readonly ApiKey[] _keys;
    private readonly FrozenDictionary<string, ApiKey> _byName;

    private ApiKeyTable(ApiKey[] keys)
    {
        _keys = keys;
        _byName = keys.ToFrozenDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);
    }

    public ApiKeyTable(IOptions<AccessOptions> options, IConfiguration configuration)
        : this(BuildKeys(options.Value, configuration, out var errors))
    {
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(AccessOptions.SectionName, typeof(AccessOptions), errors);
        }
    }

    /// <summary>No key is configured: anyone on loopback may call.</summary>
    public bool IsOpen => _keys.Length == 0;

    public IReadOnlyCollection<string> Names => _byName.Keys;

    /// <summary>The key a caller presented, or null. Hashes it and compares it with every key, in constant time.</summary>
    public ApiKey? Find(ReadOnlySpan<char> presented)
    {
        Span<byte> digest = stackalloc byte[ApiKeyDigest.Length];
        ApiKeyDigest.Of(presented, digest);
        ApiKey? found = null;
        foreach (var key in _keys)
        {
            // No early exit: the time taken does not depend on which key matched, or on whether one did.
            if (ApiKeyDigest.AreEqual(key.Digest, digest))
            {
                found = key;
            }
        }

        return found;
    }

    public ApiKey? Get(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Reads the keys and lists every problem, each naming its setting.</summary>
    public static ApiKey[] BuildKeys(AccessOptions options, IConfiguration configuration, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var keys = new List<ApiKey>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, key) in options.Keys)
        {
            var section = $"{AccessOptions.SectionName}:Keys:{name}";
            var digest = ReadDigest(section, key, configuration, problems);
            problems.AddRange(key.Validate(section));
            for (var i = 0; i < key.Models.Count; i++)
            {
                if (ModelAccess.Problem(key.Models[i]) is { } problem)
                {
                    problems.Add($"{section}:Models:{i}: {problem}");
                }
            }

            if (digest is not null)
            {
                Add(new ApiKey(name, digest, [.. key.Models], new() { RequestsPerMinute = key.RequestsPerMinute, TokensPerMinute = key.TokensPerMinute, MaxConcurrentRequests = key.MaxConcurrentRequests }), section);
            }
        }

        var shorthand = (configuration[ShorthandVariable] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < shorthand.Length; i++)
        {
            var name = $"env-{i + 1}";
            if (options.Keys.ContainsKey(name))
            {
                problems.Add($"{AccessOptions.SectionName}:Keys:{name}: the name is taken by {ShorthandVariable}; choose another name.");
                continue;
            }

            Add(new ApiKey(name, ApiKeyDigest.Of(shorthand[i]), [], new()), $"{ShorthandVariable} (entry {i + 1})");
        }

        errors = problems;
        return [.. keys];

        void Add(ApiKey key, string where)
        {
            var hex = Convert.ToHexString(key.Digest);
            if (owners.TryGetValue(hex, out var first))
            {
                problems.Add($"{where}: the same key as {first}; every key must be different.");
                return;
            }

            owners[hex] = where;
            keys.Add(key);
        }
    }

    private static byte[]? ReadDigest(string section, ApiKeyOptions key, IConfiguration configuration, List<string> problems)
    {
        var given = new[] { key.Key, key.KeyEnvironmentVariable, key.KeyHash }.Count(v => !string.IsNullOrEmpty(v));
        if (given != 1)
        {
            problems.Add($"{section}: set exactly one of Key, KeyEnvironmentVariable or KeyHash ({ApiKeyDigest.KeyHashFormat}).");
            return null;
        }

        if (!string.IsNullOrEmpty(key.Key))
        {
            return ApiKeyDigest.Of(key.Key);
        }

        if (!string.IsNullOrEmpty(key.KeyEnvironmentVariable))
        {
            var value = configuration[key.KeyEnvironmentVariable];
            if (string.IsNullOrEmpty(value))
            {
                problems.Add($"{section}:KeyEnvironmentVariable: the environment variable '{key.KeyEnvironmentVariable}' is not set or empty.");
                return null;
            }

            return ApiKeyDigest.Of(value);
        }

        if (ApiKeyDigest.TryParse(key.KeyHash!, out var digest))
        {
            return digest;
        }

        problems.Add($"{section}:KeyHash must look like {ApiKeyDigest.KeyHashFormat} (e.g. printf %s \"$KEY\" | sha256sum).");
        return null;
    }
}

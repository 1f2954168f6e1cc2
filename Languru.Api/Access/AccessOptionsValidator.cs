using Microsoft.Extensions.Options;

namespace Languru.Api.Access;

/// <summary>
/// Checks the keys (every problem, each naming its setting) and open mode: with no key, the gateway may listen
/// beyond loopback only when <c>Languru:Auth:AllowAnonymous</c> is true.
/// </summary>
internal sealed class AccessOptionsValidator(IConfiguration configuration) : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var keys = ApiKeyTable.BuildKeys(options, configuration, out var errors);
        var problems = new List<string>(errors);
        if (keys.Length == 0 && problems.Count == 0 && !options.Auth.AllowAnonymous
            && Exposed(configuration).FirstOrDefault() is { } address)
        {
            problems.Add(
                $"{AccessOptions.SectionName}:Keys: no API key is configured, but the gateway would listen on {address}, beyond loopback. " +
                $"Add a key ({ApiKeyTable.ShorthandVariable}=<key>, or Languru:Keys:<name>:Key, :KeyEnvironmentVariable or :KeyHash), " +
                $"listen on localhost only, or set {AuthOptions.SectionName}:AllowAnonymous=true to let anyone call.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>The configured listen addresses that are not loopback.</summary>
    public static IEnumerable<string> Exposed(IConfiguration configuration) =>
        ListenAddresses.Configured(configuration).Where(a => !ListenAddresses.IsLoopback(a));
}

using Microsoft.Extensions.Configuration;

namespace Languru.Providers.Routing;

/// <summary>What the factories of HTTP providers read and check alike.</summary>
internal static class ProviderSettings
{
    /// <summary>
    /// A setting given directly, else the value of the configuration key it names (an environment variable such as
    /// <c>OPENAI_API_KEY</c>); blank counts as unset.
    /// </summary>
    public static string? ValueOrVariable(IConfiguration configuration, string? value, string? variable) =>
        NonEmpty(value) ?? (variable is null ? null : NonEmpty(configuration[variable]));

    /// <summary>The problems with a provider's deadlines: none of the partial ones may be longer than the whole call.</summary>
    public static IEnumerable<string> DeadlineProblems(string name, TimeSpan timeToFirstToken, TimeSpan idleTimeout, TimeSpan connectTimeout, TimeSpan timeout)
    {
        foreach (var (setting, value) in new[] { ("TimeToFirstToken", timeToFirstToken), ("IdleTimeout", idleTimeout), ("ConnectTimeout", connectTimeout) })
        {
            if (value > timeout)
            {
                yield return $"Languru:Providers:{name}:{setting} ({value}) is longer than its Timeout ({timeout}).";
            }
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

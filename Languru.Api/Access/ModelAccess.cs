using System.Security.Claims;

namespace Languru.Api.Access;

/// <summary>
/// Which models a caller may use. An API key's <c>Models</c> travel in its principal as <see cref="ClaimType"/>
/// claims; a principal without any (a key with no list, or open mode) may use every model. Patterns match the name
/// the client sends (so an alias is allowed by its own name), case-insensitively: exact, or <c>prefix*</c>.
/// </summary>
public static class ModelAccess
{
    /// <summary>The claim that holds one allowed model name or pattern.</summary>
    public const string ClaimType = "languru:model";

    /// <summary>Whether the caller may use <paramref name="model"/>.</summary>
    /// <param name="user">The caller.</param>
    /// <param name="model">The model name the client sent.</param>
    /// <returns>True when allowed.</returns>
    public static bool MayUseModel(this ClaimsPrincipal user, string model)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(model);
        var restricted = false;
        foreach (var claim in user.FindAll(ClaimType))
        {
            restricted = true;
            if (Matches(claim.Value, model))
            {
                return true;
            }
        }

        return !restricted;
    }

    internal static bool Matches(string pattern, string model) => pattern.EndsWith('*')
        ? model.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.OrdinalIgnoreCase)
        : model.Equals(pattern, StringComparison.OrdinalIgnoreCase);

    /// <summary>What is wrong with a configured pattern, or null.</summary>
    internal static string? Problem(string pattern) =>
        string.IsNullOrWhiteSpace(pattern) ? "a model name or pattern must not be empty."
        : pattern.IndexOf('*', StringComparison.Ordinal) is var star && star >= 0 && star != pattern.Length - 1
            ? $"'{pattern}': '*' may only end a pattern (prefix*)."
            : null;
}

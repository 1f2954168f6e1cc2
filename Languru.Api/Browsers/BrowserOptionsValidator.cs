using Microsoft.Extensions.Options;

namespace Languru.Api.Browsers;

/// <summary>Checks that every allowed origin is <c>*</c> or a bare <c>scheme://host[:port]</c>.</summary>
internal sealed class BrowserOptionsValidator : IValidateOptions<BrowserOptions>
{
    public ValidateOptionsResult Validate(string? name, BrowserOptions options)
    {
        var problems = options.AllowedOrigins
            .Select((origin, i) => (origin, i))
            .Where(o => !IsOrigin(o.origin))
            .Select(o => $"{BrowserOptions.SectionName}:AllowedOrigins:{o.i}: '{o.origin}' is not an origin: write it as scheme://host[:port] (no path), or * for any.")
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsOrigin(string origin) =>
        origin == "*"
        || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https"
            && uri.AbsolutePath == "/"
            && !origin.EndsWith('/')
            && string.IsNullOrEmpty(uri.Query)
            && string.IsNullOrEmpty(uri.UserInfo));
}

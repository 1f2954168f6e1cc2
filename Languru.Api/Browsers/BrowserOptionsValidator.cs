using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Languru.Api.Browsers;

/// <summary>
/// Checks that every allowed origin is <c>*</c> or a bare <c>scheme://host[:port]</c>, and every allowed header <c>*</c> or
/// a header name.
/// </summary>
internal sealed partial class BrowserOptionsValidator : IValidateOptions<BrowserOptions>
{
    public ValidateOptionsResult Validate(string? name, BrowserOptions options)
    {
        var problems = options.AllowedOrigins
            .Select((origin, i) => (origin, i))
            .Where(o => !IsOrigin(o.origin))
            .Select(o => $"{BrowserOptions.SectionName}:AllowedOrigins:{o.i}: '{o.origin}' is not an origin: write it as scheme://host[:port] (no path), or * for any.")
            .Concat(options.AllowedHeaders
                .Select((header, i) => (header, i))
                .Where(h => h.header != "*" && !HeaderName().IsMatch(h.header))
                .Select(h => $"{BrowserOptions.SectionName}:AllowedHeaders:{h.i}: '{h.header}' is not a header name (letters, digits and !#$%&'*+-.^_`|~), or * for any."))
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>An HTTP token (RFC 9110), which is what a header name is.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$")]
    private static partial Regex HeaderName();

    private static bool IsOrigin(string origin) =>
        origin == "*"
        || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https"
            && uri.AbsolutePath == "/"
            && !origin.EndsWith('/')
            && string.IsNullOrEmpty(uri.Query)
            && string.IsNullOrEmpty(uri.UserInfo));
}

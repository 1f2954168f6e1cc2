namespace Languru.Api.Access;

/// <summary>Who is calling, for the code that records or scopes per caller (logs, metrics, stored responses).</summary>
public static class HttpContextAccessExtensions
{
    /// <summary>
    /// The name of the API key the request was authenticated with (<c>Languru:Keys:&lt;name&gt;</c>, or
    /// <c>env-1</c>… for <c>LANGURU_API_KEYS</c>); null in open mode and on endpoints that need no key.
    /// Never the key itself.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <returns>The key's name, or null.</returns>
    public static string? GetApiKeyName(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Identity is { IsAuthenticated: true, AuthenticationType: ApiKeyDefaults.AuthenticationScheme, Name: { } name }
            ? name
            : null;
    }
}

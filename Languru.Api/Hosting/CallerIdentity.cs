namespace Languru.Api.Hosting;

/// <summary>Who is calling, for what the gateway keeps per caller (stored responses).</summary>
internal static class CallerIdentity
{
    /// <summary>The authenticated caller's name (the API key's name), or null when the gateway runs without keys.</summary>
    public static string? GetCallerName(this HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : null;
}

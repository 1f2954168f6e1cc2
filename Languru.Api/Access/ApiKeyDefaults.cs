namespace Languru.Api.Access;

/// <summary>Names of the API-key authentication scheme and its policy.</summary>
public static class ApiKeyDefaults
{
    /// <summary>The authentication scheme (and the principal's authentication type).</summary>
    public const string AuthenticationScheme = "ApiKey";

    /// <summary>The principal's authentication type in open mode (no keys configured).</summary>
    public const string AnonymousAuthenticationType = "Anonymous";
}

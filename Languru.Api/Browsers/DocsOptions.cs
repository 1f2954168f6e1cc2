namespace Languru.Api.Browsers;

/// <summary>Whether the gateway serves its docs, bound from <c>Languru:Docs</c>.</summary>
public sealed class DocsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Languru:Docs";

    /// <summary><c>false</c> turns off Swagger UI (<c>/docs</c>), <c>/openapi/v1.json</c> and the redirect of <c>/</c>.</summary>
    public bool Enabled { get; set; } = true;
}

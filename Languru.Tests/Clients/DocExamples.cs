using Languru.Tests.Infrastructure;

namespace Languru.Tests.Clients;

/// <summary>
/// The runnable examples of docs/clients.md: each is the fenced code block just above a <c>&lt;!-- run: name</c>
/// marker, so the tests run exactly what the page shows.
/// </summary>
public static class DocExamples
{
    public const string DocumentedAddress = "http://localhost:8000";

    public static string Get(string name)
    {
        var lines = File.ReadAllLines(Repo.Path("docs", "clients.md"));
        var marker = Array.FindIndex(lines, l => l.StartsWith($"<!-- run: {name} ", StringComparison.Ordinal) || l == $"<!-- run: {name} -->");
        Assert.That(marker, Is.GreaterThan(0), $"docs/clients.md has no example '{name}'");
        var close = Array.FindLastIndex(lines, marker - 1, l => l == "```");
        var open = Array.FindLastIndex(lines, close - 1, l => l.StartsWith("```", StringComparison.Ordinal));
        Assert.That(close, Is.EqualTo(marker - 1), $"the marker of '{name}' must follow its code block");
        return string.Join('\n', lines[(open + 1)..close]) + "\n";
    }

    /// <summary>The example, pointed at a gateway on another address (the only change made to it).</summary>
    public static string For(string name, Uri gateway) => Get(name).Replace(DocumentedAddress, gateway.ToString().TrimEnd('/'), StringComparison.Ordinal);
}

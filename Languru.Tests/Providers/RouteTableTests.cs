using Languru.Providers.Routing;

namespace Languru.Tests.Providers;

public class RouteTableTests
{
    private static readonly string[] Types = ["echo", "openai"];

    private static RoutingOptions Options(params (string Name, string Type, string[] Models)[] providers)
    {
        var options = new RoutingOptions();
        foreach (var (name, type, models) in providers)
        {
            var provider = new ProviderRouteOptions { Type = type };
            provider.Models.AddRange(models);
            options.Providers[name] = provider;
        }

        return options;
    }

    [Test]
    public void Resolve_ExactName_GoesToItsProviderWithTheSameId()
    {
        // Arrange
        var table = RouteTable.Build(Options(("echo", "echo", ["echo"])), Types, out var errors);

        // Act
        var target = table.Resolve("echo");

        // Assert
        Assert.That(errors, Is.Empty);
        Assert.That(target, Is.EqualTo(new RouteTarget("echo", "echo")));
    }

    [Test]
    public void Resolve_ProviderSlashModel_StripsTheProviderName()
    {
        // Arrange
        var table = RouteTable.Build(Options(("openai", "openai", []), ("echo", "echo", [])), Types, out _);

        // Act & Assert
        Assert.That(table.Resolve("openai/gpt-4o"), Is.EqualTo(new RouteTarget("openai", "gpt-4o")));
        Assert.That(table.Resolve("OpenAI/gpt-4o"), Is.EqualTo(new RouteTarget("openai", "gpt-4o")), "provider names are case-insensitive");
        Assert.That(table.Resolve("echo/a/b"), Is.EqualTo(new RouteTarget("echo", "a/b")), "only the first slash splits");
    }

    [Test]
    public void Resolve_SlashWithUnknownPrefixOrEmptyModel_IsNotTheProviderForm()
    {
        // Arrange
        var table = RouteTable.Build(Options(("openai", "openai", ["meta-*"])), Types, out _);

        // Act & Assert
        Assert.That(table.Resolve("meta-llama/llama-3"), Is.EqualTo(new RouteTarget("openai", "meta-llama/llama-3")));
        Assert.That(table.Resolve("openai/"), Is.Null);
        Assert.That(table.Resolve("/gpt"), Is.Null);
    }

    [Test]
    public void Resolve_Patterns_LongestPrefixWinsAndTheIdIsKept()
    {
        // Arrange
        var table = RouteTable.Build(Options(("openai", "openai", ["gpt-*"]), ("echo", "echo", ["gpt-4o-echo*"])), Types, out var errors);

        // Act & Assert
        Assert.That(errors, Is.Empty);
        Assert.That(table.Resolve("gpt-4o-mini"), Is.EqualTo(new RouteTarget("openai", "gpt-4o-mini")));
        Assert.That(table.Resolve("GPT-4o-echo-1"), Is.EqualTo(new RouteTarget("echo", "GPT-4o-echo-1")));
        Assert.That(table.Resolve("claude"), Is.Null);
    }

    [Test]
    public void Resolve_ExactBeatsProviderFormBeatsPattern()
    {
        // Arrange
        var table = RouteTable.Build(
            Options(("openai", "openai", ["openai/special", "*"]), ("echo", "echo", [])),
            Types,
            out var errors);

        // Act & Assert
        Assert.That(errors, Is.Empty);
        Assert.That(table.Resolve("openai/special"), Is.EqualTo(new RouteTarget("openai", "openai/special")), "exact first");
        Assert.That(table.Resolve("echo/x"), Is.EqualTo(new RouteTarget("echo", "x")), "provider form before patterns");
        Assert.That(table.Resolve("anything"), Is.EqualTo(new RouteTarget("openai", "anything")), "'*' catches the rest");
    }

    [Test]
    public void Resolve_Alias_TakesTheTargetsRoute()
    {
        // Arrange
        var options = Options(("openai", "openai", ["gpt-*"]), ("echo", "echo", ["echo"]));
        options.Aliases["default"] = "echo";
        options.Aliases["smart"] = "gpt-4o";
        options.Aliases["cheap"] = "openai/gpt-4o-mini";

        // Act
        var table = RouteTable.Build(options, Types, out var errors);

        // Assert
        Assert.That(errors, Is.Empty);
        Assert.That(table.Resolve("DEFAULT"), Is.EqualTo(new RouteTarget("echo", "echo")));
        Assert.That(table.Resolve("smart"), Is.EqualTo(new RouteTarget("openai", "gpt-4o")));
        Assert.That(table.Resolve("cheap"), Is.EqualTo(new RouteTarget("openai", "gpt-4o-mini")));
        Assert.That(table.Listed.Select(l => (l.Model, l.IsAlias)), Is.EqualTo(new[] { ("echo", false), ("default", true), ("smart", true), ("cheap", true) }));
    }

    [Test]
    public void Build_BadConfiguration_ReportsEveryProblemWithItsSetting()
    {
        // Arrange
        var options = Options(
            ("echo", "echo", ["echo", "gp*t", ""]),
            ("other", "echo", ["echo", "x-*"]),
            ("third", "echo", ["x-*"]),
            ("weird", "nope", []),
            ("a/b", "echo", []));
        options.Aliases["default"] = "missing-model";
        options.Aliases["chain"] = "default";
        options.Aliases["echo"] = "other/x";
        options.Aliases["wild*"] = "echo";

        // Act
        RouteTable.Build(options, Types, out var errors);

        // Assert
        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "Languru:Providers:echo:Models:1: 'gp*t' may only have '*' at its end (patterns are 'prefix*').",
            "Languru:Providers:echo:Models:2: a model name may not be empty.",
            "Languru:Providers:other:Models:0: the model 'echo' is already claimed by provider 'echo'.",
            "Languru:Providers:third:Models:0: the pattern 'x-*' is already claimed by provider 'other'.",
            "Languru:Providers:weird:Type 'nope' is unknown; known types: echo, openai.",
            "Languru:Providers:a/b: a provider name may not contain '/' or '*'.",
            "Languru:Aliases:default: no provider serves 'missing-model'. Use 'provider/model' or a name listed in a provider's Models.",
            "Languru:Aliases:chain: 'default' is itself an alias; point 'chain' at a model instead.",
            "Languru:Aliases:echo: 'echo' is already a model of provider 'echo'; an alias may not hide it.",
            "Languru:Aliases:wild*: an alias is an exact name and may not contain '*'.",
        }));
    }

    [Test]
    public void Build_MissingTypeOnUnknownName_AsksForAType()
    {
        // Arrange
        var options = new RoutingOptions();
        options.Providers["groq"] = new ProviderRouteOptions();
        options.Providers["openai"] = new ProviderRouteOptions();

        // Act
        var table = RouteTable.Build(options, Types, out var errors);

        // Assert
        Assert.That(errors, Is.EqualTo(new[] { "Languru:Providers:groq:Type is missing; set it to one of: echo, openai." }));
        Assert.That(table.ProviderTypes["openai"], Is.EqualTo("openai"), "a provider named after a type needs no Type");
    }
}

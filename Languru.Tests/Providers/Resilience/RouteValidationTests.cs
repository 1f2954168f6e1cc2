using Languru.Providers.Routing;

namespace Languru.Tests.Providers.Resilience;

public class RouteValidationTests
{
    private static readonly string[] Types = ["stub"];

    private static RoutingOptions Options()
    {
        var options = new RoutingOptions();
        options.Providers["a"] = new ProviderRouteOptions { Type = "stub" };
        options.Providers["a"].Models.Add("exact");
        options.Providers["b"] = new ProviderRouteOptions { Type = "stub" };
        options.Aliases["alias"] = "b/m";
        return options;
    }

    private static RouteOptions Route(RoutingOptions options, string name, params string[] targets)
    {
        var route = new RouteOptions();
        route.Targets.AddRange(targets);
        options.Routes[name] = route;
        return route;
    }

    [Test]
    public void Build_SoundRoutes_HaveNoProblems()
    {
        // Arrange: targets by every form a name can take; fallbacks to a model and to another route.
        var options = Options();
        var main = Route(options, "main", "a/m", "exact", "alias");
        main.Strategy = "Weighted";
        main.Weights.AddRange([3, 2, 1]);
        main.Fallbacks.AddRange(["backup", "b/last"]);
        Route(options, "backup", "b/other").Strategy = "least-busy";

        // Act
        RouteTable.Build(options, Types, out var errors);

        // Assert
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Build_BrokenRoutes_AreAllReportedTogether()
    {
        // Arrange
        var options = Options();
        Route(options, "empty");
        Route(options, "unknown", "nowhere", "a/m", "A/m").Fallbacks.Add("");
        Route(options, "exact", "a/m");
        var weighted = Route(options, "weighted", "a/m", "b/m");
        weighted.Strategy = "weighted";
        weighted.Weights.AddRange([1, 0, 2]);
        var odd = Route(options, "odd", "a/m");
        odd.Strategy = "random";
        odd.FailureThreshold = 0;
        odd.Cooldown = TimeSpan.Zero;
        Route(options, "nested", "odd");
        Route(options, "ping", "a/m").Fallbacks.Add("pong");
        Route(options, "pong", "b/m").Fallbacks.Add("PING");
        Route(options, "self", "a/m").Fallbacks.Add("self");
        options.Providers["a"].MaxRetries = 11;

        // Act
        RouteTable.Build(options, Types, out var errors);

        // Assert
        Assert.That(errors, Is.EquivalentTo(new[]
        {
            "Languru:Providers:a:MaxRetries '11': The field MaxRetries must be between 0 and 10.",
            "Languru:Routes:empty:Targets is empty; list at least one model name, e.g. 'vllm-a/llama-3.1-8b'.",
            "Languru:Routes:unknown:Targets:0: no provider serves 'nowhere'. Use 'provider/model', an alias, or a name listed in a provider's Models.",
            "Languru:Routes:unknown:Targets:2: 'A/m' is already a target of this route.",
            "Languru:Routes:unknown:Fallbacks:0: a model name may not be empty.",
            "Languru:Routes:exact: 'exact' is already a model of provider 'a'; a route may not hide it.",
            "Languru:Routes:weighted:Weights has 3 entries for 2 targets; give one positive integer per target.",
            "Languru:Routes:weighted:Weights:1 '0': a weight must be a positive integer.",
            "Languru:Routes:odd:Strategy 'random' is unknown; use one of: least-busy, round-robin, weighted.",
            "Languru:Routes:odd:FailureThreshold '0': FailureThreshold must be at least 1.",
            "Languru:Routes:odd:Cooldown '00:00:00': Cooldown must be between 00:00:00.001 and 1.00:00:00.",
            "Languru:Routes:nested:Targets:0: 'odd' is a route; a target is a model, so name the route in Fallbacks instead.",
            "Languru:Routes:ping:Fallbacks: the fallbacks loop back: ping → pong → ping.",
            "Languru:Routes:self:Fallbacks: the fallbacks loop back: self → self.",
        }));
    }
}

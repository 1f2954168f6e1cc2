using Languru.Providers.Resilience;
using Languru.Providers.Routing;

namespace Languru.Api.Hosting;

/// <summary>Tells clients and telemetry who answered a routed request.</summary>
public static class RouteTracking
{
    /// <summary>The header naming the provider that answered, e.g. <c>vllm-a</c>.</summary>
    public const string ProviderHeader = "x-languru-provider";

    /// <summary>The header naming the upstream model that answered, e.g. <c>llama-3.1-8b</c>.</summary>
    public const string ModelHeader = "x-languru-model";

    /// <summary>
    /// Makes the route's <see cref="RouteOutcome"/> a feature of the request (for the request log and metrics:
    /// <c>context.Features.Get&lt;RouteOutcome&gt;()</c>), and adds <see cref="ProviderHeader"/> and
    /// <see cref="ModelHeader"/> when the response starts, if a target has answered by then (for a stream: its first
    /// chunk has). Call it right after routing, in every endpoint that routes a model.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="route">Its route.</param>
    public static void TrackRoute(this HttpContext context, ModelRoute route)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(route);
        context.Features.Set(route.Outcome);
        context.Response.OnStarting(
            static state =>
            {
                var (response, outcome) = ((HttpResponse, RouteOutcome))state;
                if (outcome is { Provider: { } provider, UpstreamModel: { } model })
                {
                    response.Headers[ProviderHeader] = HeaderValue(provider);
                    response.Headers[ModelHeader] = HeaderValue(model);
                }

                return Task.CompletedTask;
            },
            (context.Response, route.Outcome));
    }

    /// <summary>The name as a header can carry it: printable ASCII as is, anything else percent-encoded (a client may send any model name).</summary>
    private static string HeaderValue(string name) => name.All(c => c is >= ' ' and <= '~') ? name : Uri.EscapeDataString(name);
}

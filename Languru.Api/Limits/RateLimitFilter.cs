using Languru.Providers.Telemetry;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Languru.Api.Limits;

/// <summary>
/// Runs every API action through the rate limits, after the body is bound (so a request's <c>n</c> and size can be
/// counted, see <see cref="RequestCosts"/>) and before the action runs.
/// </summary>
internal sealed class RateLimitFilter(RateLimitGate gate, IOptions<LimitsOptions> limits) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (await gate.AdmitAsync(http, RequestCosts.For(context.ActionArguments.Values, limits.Value.MaxChoices), http.RequestAborted) is { } refused)
        {
            http.Features.Get<RequestRecord>()?.RateLimited = true;
            context.Result = refused.ToActionResult();
            return;
        }

        await next();
    }
}

namespace Languru.Api.Browsers;

/// <summary>
/// Headers on every response, set as it starts (so error answers get them too): <c>X-Content-Type-Options:
/// nosniff</c>, and <c>Cache-Control: no-store</c>, because answers carry what callers sent and what their keys bought.
/// Swagger UI's static files are the exception: they may be cached.
/// </summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            if (!http.Request.Path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase))
            {
                http.Response.Headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    });
}
